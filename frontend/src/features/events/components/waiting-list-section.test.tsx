import { screen } from '@testing-library/react';
import type MockAdapter from 'axios-mock-adapter';

import { WaitingListSection } from '@/features/events/components/waiting-list-section';
import type { EventWaitingListEntry } from '@/types/api';
import { authValue, makeEvent, makeUser, mockApi, renderWithProviders } from '@/testing/test-utils';

function row(overrides: Partial<EventWaitingListEntry>): EventWaitingListEntry {
  return {
    id: 1,
    ticket_type: { id: 11, name: 'General admission' },
    quantity: 1,
    status: 'waiting',
    position: 1,
    created_at: '2099-06-01T10:00:00Z',
    offer_expires_at: null,
    booking: null,
    user: { name: 'Bea Booker', email: 'bea@example.test' },
    ...overrides,
  };
}

describe('WaitingListSection', () => {
  let mock: MockAdapter;
  beforeEach(() => {
    mock = mockApi();
  });
  afterEach(() => {
    mock.restore();
  });

  it('lists who waits, in order, with places, statuses and offer deadlines', async () => {
    mock
      .onGet('/events/5/waiting-list/')
      .reply(200, [
        row({ id: 1, status: 'offered', offer_expires_at: '2099-06-02T10:00:00Z' }),
        row({ id: 2, status: 'left', position: null, user: { name: 'Cy', email: 'cy@x.test' } }),
        row({ id: 3, position: 2, quantity: 3, user: { name: 'Di', email: 'di@x.test' } }),
      ]);
    renderWithProviders(
      <WaitingListSection event={makeEvent({ waiting_list: true, waiting_held: 1 })} />,
      { auth: authValue(makeUser('organizer')) },
    );
    const rows = await screen.findAllByTestId('waiting-list-row');
    expect(rows).toHaveLength(3);
    expect(rows[0]).toHaveTextContent('#1 Bea Booker');
    expect(rows[0]).toHaveTextContent(/Offered until .*12:00/);
    expect(rows[1]).toHaveTextContent('– Cy');
    expect(rows[1]).toHaveTextContent('Left');
    expect(rows[2]).toHaveTextContent('#2 Di');
    expect(rows[2]).toHaveTextContent('3 × General admission');
    expect(screen.getByText(/1 waiting · 1 offered · 1 seats held/)).toBeInTheDocument();
  });

  it('says when the list is off and empty', async () => {
    mock.onGet('/events/5/waiting-list/').reply(200, []);
    renderWithProviders(<WaitingListSection event={makeEvent()} />, {
      auth: authValue(makeUser('organizer')),
    });
    expect(await screen.findByText('Nobody has joined the waiting list.')).toBeInTheDocument();
    expect(screen.getByText(/switch on/)).toBeInTheDocument();
  });
});
