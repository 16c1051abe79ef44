import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type MockAdapter from 'axios-mock-adapter';

import { TicketItem } from '@/features/bookings/components/ticket-item';
import { canTransfer } from '@/features/bookings/utils/transfer';
import type { Ticket } from '@/types/api';
import { apiError, makeTicket, mockApi, renderWithProviders } from '@/testing/test-utils';

const TICKET = makeTicket(7, { attendee_name: 'Bo Booker' });
const UNTIL = '2099-06-12T20:00:00+02:00';

function renderItem(ticket: Ticket = TICKET, transfersUntil: string | null = UNTIL) {
  return renderWithProviders(
    <ul>
      <TicketItem
        ticket={ticket}
        voided={false}
        timeZone="Europe/Berlin"
        eventId={5}
        editable={false}
        transfersUntil={transfersUntil}
      />
    </ul>,
  );
}

async function fillAndContinue(user: ReturnType<typeof userEvent.setup>) {
  await user.click(screen.getByRole('button', { name: 'Transfer' }));
  const dialog = screen.getByRole('dialog', { name: 'Transfer this ticket' });
  await user.type(within(dialog).getByLabelText("Recipient's e-mail"), 'fran@example.test');
  await user.type(within(dialog).getByLabelText("Recipient's name"), 'Fran Friend');
  await user.click(within(dialog).getByRole('button', { name: 'Continue' }));
  return dialog;
}

describe('Transfer dialog', () => {
  let mock: MockAdapter;
  beforeEach(() => {
    mock = mockApi();
    mock.onGet('/events/5/questions/').reply(200, []);
    mock.onGet('/tickets/7/qr.png').reply(200, new Blob(['png']));
    Object.assign(URL, { createObjectURL: () => 'blob:qr', revokeObjectURL: () => undefined });
  });
  afterEach(() => {
    mock.restore();
  });

  it('asks who, confirms that the old code stops working, then sends it', async () => {
    mock.onPost('/tickets/7/transfer/').reply(200, { ...TICKET, id: 9 });
    renderItem();
    const user = userEvent.setup();
    const dialog = await fillAndContinue(user);
    expect(within(dialog).getByTestId('transfer-confirm')).toHaveTextContent(
      'Send this ticket to Fran Friend (fran@example.test)? Your QR code and backup code stop working',
    );
    expect(mock.history.post).toHaveLength(0);
    await user.click(within(dialog).getByRole('button', { name: 'Yes, transfer' }));
    expect(JSON.parse(mock.history.post[0]!.data as string)).toEqual({
      email: 'fran@example.test',
      name: 'Fran Friend',
    });
    expect(
      await screen.findByRole('button', { name: 'Transfer' }, { timeout: 2000 }),
    ).toBeInTheDocument();
  });

  it('says clearly when transfers are closed', async () => {
    mock
      .onPost('/tickets/7/transfer/')
      .reply(409, apiError('transfers_closed', 'Tickets can no longer be transferred.'));
    renderItem();
    const user = userEvent.setup();
    const dialog = await fillAndContinue(user);
    await user.click(within(dialog).getByRole('button', { name: 'Yes, transfer' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('Transfers are closed');
  });

  it('shows a refused address at its field, and lets the holder correct it', async () => {
    mock.onPost('/tickets/7/transfer/').reply(
      400,
      apiError('validation_error', 'Some fields are invalid.', {
        email: ["This is your own address: give the recipient's."],
      }),
    );
    renderItem();
    const user = userEvent.setup();
    const dialog = await fillAndContinue(user);
    await user.click(within(dialog).getByRole('button', { name: 'Yes, transfer' }));
    expect(await within(dialog).findByText(/This is your own address/)).toBeInTheDocument();
    expect(within(dialog).getByLabelText("Recipient's e-mail")).toBeEnabled();
  });

  it('shows a ticket transferred away without its code', () => {
    renderItem({
      ...TICKET,
      status: 'revoked',
      code: null,
      backup_code: null,
      qr_png: null,
      qr_svg: null,
      transferred_at: '2099-06-01T10:00:00+02:00',
    });
    expect(screen.getByText('Transferred')).toBeInTheDocument();
    expect(screen.getByText(/no longer admit anyone/)).toBeInTheDocument();
    expect(screen.queryByTestId('backup-code')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Transfer' })).not.toBeInTheDocument();
  });

  it('offers no transfer when transfers are off, closed, or the ticket was used', () => {
    const now = Date.parse('2099-06-01T00:00:00Z');
    expect(canTransfer(TICKET, UNTIL, now)).toBe(true);
    expect(canTransfer(TICKET, null, now)).toBe(false);
    expect(canTransfer(TICKET, '2099-05-01T00:00:00Z', now)).toBe(false);
    expect(canTransfer({ ...TICKET, checked_in_at: '2099-06-01T00:00:00Z' }, UNTIL, now)).toBe(
      false,
    );
    expect(canTransfer({ ...TICKET, status: 'pending', code: null }, UNTIL, now)).toBe(false);
    renderItem(TICKET, null);
    expect(screen.queryByRole('button', { name: 'Transfer' })).not.toBeInTheDocument();
  });
});
