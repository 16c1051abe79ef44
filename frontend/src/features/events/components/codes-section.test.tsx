import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type MockAdapter from 'axios-mock-adapter';

import { CodesSection } from '@/features/events/components/codes-section';
import type { Code } from '@/types/api';
import {
  apiError,
  authValue,
  inTimeZone,
  makeEvent,
  makeTicketType,
  makeUser,
  mockApi,
  renderWithProviders,
} from '@/testing/test-utils';

inTimeZone('Europe/Berlin');

const event = makeEvent({
  id: 31,
  ticket_types: [
    makeTicketType(1, { name: 'Floor', price: '15.00' }),
    makeTicketType(2, { name: 'Crew', price: '5.00', hidden: true, position: 1 }),
  ],
});

function makeCode(id: number, overrides: Partial<Code> = {}): Code {
  return {
    id,
    code: 'SPRING',
    kind: 'discount',
    percent_off: '20.00',
    amount_off: null,
    ticket_types: [],
    max_uses: 10,
    uses: 3,
    valid_from: null,
    valid_until: null,
    active: true,
    created_at: '2099-01-01T10:00:00Z',
    ...overrides,
  };
}

function renderSection() {
  return renderWithProviders(<CodesSection event={event} />, {
    auth: authValue(makeUser('organizer', { id: 99 })),
    route: '/organizer/events/31',
    path: '/organizer/events/:id',
  });
}

describe('CodesSection', () => {
  let mock: MockAdapter;
  beforeEach(() => {
    mock = mockApi();
  });
  afterEach(() => {
    mock.restore();
  });

  it('lists codes with their terms and uses', async () => {
    mock.onGet('/events/31/codes/').reply(200, [
      makeCode(1),
      makeCode(2, {
        code: 'CREW',
        kind: 'access',
        percent_off: null,
        ticket_types: [2],
        max_uses: null,
        uses: 1,
        active: false,
      }),
    ]);
    renderSection();
    const rows = await screen.findAllByTestId('code-row');
    expect(rows[0]).toHaveTextContent('SPRING');
    expect(rows[0]).toHaveTextContent('20% off · all ticket types');
    expect(rows[0]).toHaveTextContent('Used 3 of 10 times');
    expect(rows[1]).toHaveTextContent('Unlocks Crew');
    expect(rows[1]).toHaveTextContent('Inactive');
    expect(rows[1]).toHaveTextContent('Used 1 time');
    // A used code is deactivated, never deleted.
    expect(within(rows[0]!).queryByRole('button', { name: 'Delete SPRING' })).toBeNull();
  });

  it('creates an amount-off code for one type', async () => {
    mock.onGet('/events/31/codes/').reply(200, []);
    mock.onPost('/events/31/codes/').reply(201, makeCode(5));
    renderSection();
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Add code' }));
    await user.type(screen.getByLabelText('Code'), 'friends');
    await user.selectOptions(screen.getByLabelText('Discount by'), 'amount');
    await user.type(screen.getByLabelText('Amount off'), '2,50');
    await user.type(screen.getByLabelText('Uses at most'), '5');
    await user.click(screen.getByRole('checkbox', { name: /Floor/ }));
    await user.click(screen.getByRole('button', { name: 'Add code' }));

    await vi.waitFor(() => {
      expect(mock.history.post).toHaveLength(1);
    });
    expect(JSON.parse(mock.history.post[0]!.data as string)).toEqual({
      code: 'friends',
      kind: 'discount',
      percent_off: null,
      amount_off: '2.50',
      ticket_types: [1],
      max_uses: 5,
      valid_from: null,
      valid_until: null,
    });
  });

  it('shows the server refusing a discount next to its field', async () => {
    mock.onGet('/events/31/codes/').reply(200, []);
    mock.onPost('/events/31/codes/').reply(
      400,
      apiError('validation_error', 'Some fields are invalid.', {
        percent_off: ['Give more than 0 and at most 100.'],
      }),
    );
    renderSection();
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Add code' }));
    await user.type(screen.getByLabelText('Code'), 'HUGE');
    await user.type(screen.getByLabelText('Percent off'), '150');
    await user.click(screen.getByRole('button', { name: 'Add code' }));
    expect(await screen.findByText('Give more than 0 and at most 100.')).toBeInTheDocument();
  });

  it('deactivates a code', async () => {
    mock.onGet('/events/31/codes/').reply(200, [makeCode(1)]);
    mock.onPatch('/events/31/codes/1/').reply(200, makeCode(1, { active: false }));
    renderSection();
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Deactivate SPRING' }));
    await vi.waitFor(() => {
      expect(mock.history.patch).toHaveLength(1);
    });
    expect(JSON.parse(mock.history.patch[0]!.data as string)).toEqual({ active: false });
  });
});
