import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type MockAdapter from 'axios-mock-adapter';

import { TicketItem } from '@/features/bookings/components/ticket-item';
import type { Question } from '@/types/api';
import { apiError, makeTicket, mockApi, renderWithProviders } from '@/testing/test-utils';

const DIET: Question = {
  id: 1,
  label: 'Dietary needs',
  kind: 'choice',
  options: ['None', 'Vegan'],
  required: true,
  per: 'ticket',
  ticket_types: [],
  position: 0,
};

const TICKET = makeTicket(7, {
  ticket_type: { id: 22, name: 'VIP table' },
  attendee_name: 'Vera Vip',
  answers: { '1': 'None' },
});

function renderItem() {
  return renderWithProviders(
    <ul>
      <TicketItem ticket={TICKET} voided={false} timeZone="UTC" eventId={5} editable />
    </ul>,
  );
}

describe('TicketItem', () => {
  let mock: MockAdapter;
  beforeEach(() => {
    mock = mockApi();
    mock.onGet('/events/5/questions/').reply(200, [DIET]);
    mock.onGet('/tickets/7/qr.png').reply(200, new Blob(['png']));
    Object.assign(URL, { createObjectURL: () => 'blob:qr', revokeObjectURL: () => undefined });
  });
  afterEach(() => {
    mock.restore();
  });

  it('shows type, holder and answers, and lets the holder change them', async () => {
    mock.onPatch('/tickets/7/').reply(200, { ...TICKET, attendee_name: 'Val Vip' });
    renderItem();
    expect(screen.getByText('VIP table')).toBeInTheDocument();
    expect(screen.getByText('Vera Vip')).toBeInTheDocument();
    expect(await screen.findByText('None')).toBeInTheDocument();

    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Change name or answers' }));
    const form = screen.getByRole('form', { name: 'Edit ticket holder' });
    expect(within(form).getByText(/QR code and backup code stay the same/)).toBeInTheDocument();
    const name = within(form).getByLabelText('Name on this ticket');
    await user.clear(name);
    await user.type(name, 'Val Vip');
    await user.selectOptions(within(form).getByLabelText('Dietary needs (required)'), 'Vegan');
    await user.click(within(form).getByRole('button', { name: 'Save' }));

    await vi.waitFor(() => {
      expect(mock.history.patch).toHaveLength(1);
    });
    expect(JSON.parse(mock.history.patch[0]!.data as string)).toEqual({
      attendee_name: 'Val Vip',
      answers: { '1': 'Vegan' },
    });
    await vi.waitFor(() => {
      expect(screen.queryByRole('form', { name: 'Edit ticket holder' })).not.toBeInTheDocument();
    });
  });

  it('says the event has started on 409 ticket_edit_closed', async () => {
    mock.onPatch('/tickets/7/').reply(409, apiError('ticket_edit_closed', 'Too late.'));
    renderItem();
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Change name or answers' }));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Too late to change')).toBeInTheDocument();
  });
});
