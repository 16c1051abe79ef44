import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type MockAdapter from 'axios-mock-adapter';

import { CheckinListsSection } from '@/features/events/components/checkin-lists-section';
import type { CheckinList } from '@/types/api';
import {
  apiError,
  authValue,
  makeEvent,
  makeTicketType,
  makeUser,
  mockApi,
  renderWithProviders,
} from '@/testing/test-utils';

const event = makeEvent({
  id: 31,
  ticket_types: [
    makeTicketType(1, { name: 'General admission' }),
    makeTicketType(2, { name: 'VIP table' }),
  ],
});
const ENTRY: CheckinList = {
  id: 5,
  name: 'Entry',
  ticket_types: [],
  is_default: true,
  checked_in: 12,
};
const LOUNGE: CheckinList = {
  id: 6,
  name: 'VIP lounge',
  ticket_types: [{ id: 2, name: 'VIP table' }],
  is_default: false,
  checked_in: 3,
};

function renderSection() {
  return renderWithProviders(<CheckinListsSection event={event} />, {
    auth: authValue(makeUser('organizer', { id: 99 })),
    route: '/organizer/events/31',
    path: '/organizer/events/:id',
  });
}

describe('CheckinListsSection', () => {
  let mock: MockAdapter;
  beforeEach(() => {
    mock = mockApi();
    mock.onGet('/events/31/checkin-lists/').reply(200, [ENTRY]);
  });
  afterEach(() => {
    mock.restore();
  });

  it('adds a list limited to a type, and shows each list with its types and count', async () => {
    mock.onPost('/events/31/checkin-lists/').reply(201, LOUNGE);
    const user = userEvent.setup();
    renderSection();
    const [entryRow] = await screen.findAllByTestId('checkin-list-row');
    expect(entryRow).toHaveTextContent('Every ticket type · 12 checked in');
    expect(within(entryRow!).queryByRole('button', { name: 'Delete Entry' })).toBeNull();
    await user.type(screen.getByLabelText('List name'), 'VIP lounge');
    await user.click(screen.getByRole('checkbox', { name: 'VIP table' }));
    mock.onGet('/events/31/checkin-lists/').reply(200, [ENTRY, LOUNGE]);
    await user.click(screen.getByRole('button', { name: 'Add list' }));
    expect(JSON.parse(mock.history.post[0]!.data as string)).toEqual({
      name: 'VIP lounge',
      ticket_types: [2],
    });
    expect(await screen.findByText('VIP table · 3 checked in')).toBeInTheDocument();
  });

  it('shows why a list could not be added, next to the field', async () => {
    mock.onPost('/events/31/checkin-lists/').reply(
      400,
      apiError('validation_error', 'Some fields are invalid.', {
        name: ['This event has a list with this name already.'],
      }),
    );
    const user = userEvent.setup();
    renderSection();
    await user.type(await screen.findByLabelText('List name'), 'entry');
    await user.click(screen.getByRole('button', { name: 'Add list' }));
    expect(
      await screen.findByText('This event has a list with this name already.'),
    ).toBeInTheDocument();
  });
});
