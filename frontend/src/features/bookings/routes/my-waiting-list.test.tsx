import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type MockAdapter from 'axios-mock-adapter';

import { MyWaitingListRoute } from '@/features/bookings/routes/my-waiting-list';
import type { MyWaitingListEntry } from '@/types/api';
import {
  apiError,
  authValue,
  makeBooking,
  makeEvent,
  makePendingBooking,
  makeUser,
  mockApi,
  renderWithProviders,
} from '@/testing/test-utils';

function entry(overrides: Partial<MyWaitingListEntry> = {}): MyWaitingListEntry {
  const event = makeEvent();
  return {
    id: 7,
    ticket_type: { id: 11, name: 'General admission' },
    quantity: 2,
    status: 'waiting',
    position: 3,
    created_at: '2099-06-01T10:00:00Z',
    offer_expires_at: null,
    booking: null,
    event: {
      id: event.id,
      title: event.title,
      venue: event.venue,
      venue_address: event.venue_address,
      timezone: 'Europe/Berlin',
      starts_at: event.starts_at,
      ends_at: event.ends_at,
      status: 'published',
      phase: 'sold_out',
      attendee_cancel_until: null,
      transfers_until: null,
    },
    ...overrides,
  };
}

const OFFER = entry({
  status: 'offered',
  position: 1,
  offer_expires_at: '2099-06-02T10:00:00Z',
});

function renderRoute() {
  return renderWithProviders(<MyWaitingListRoute />, {
    auth: authValue(makeUser('attendee')),
    route: '/waiting-list',
    path: '/waiting-list',
  });
}

describe('MyWaitingListRoute', () => {
  let mock: MockAdapter;
  beforeEach(() => {
    mock = mockApi();
  });
  afterEach(() => {
    mock.restore();
  });

  it('shows each entry with its place or its offer deadline in the event zone', async () => {
    mock
      .onGet('/waiting-list/')
      .reply(200, [OFFER, entry({ id: 8, status: 'expired', position: null })]);
    renderRoute();
    const [offered, expired] = await screen.findAllByTestId('waiting-entry');
    expect(within(offered!).getByTestId('waiting-status')).toHaveTextContent(
      'Tickets held for you',
    );
    // 10:00 UTC is 12:00 in Berlin (summer time), named with its zone.
    expect(within(offered!).getByTestId('offer-deadline')).toHaveTextContent(
      /12:00 GMT\+2|12:00 CEST/,
    );
    expect(within(expired!).getByTestId('waiting-status')).toHaveTextContent('Offer expired');
    expect(within(expired!).queryByRole('button')).toBeNull();
  });

  it('shows the place in the queue while waiting', async () => {
    mock.onGet('/waiting-list/').reply(200, [entry()]);
    renderRoute();
    expect(await screen.findByText(/You are number/)).toHaveTextContent('You are number 3');
    expect(screen.queryByRole('button', { name: 'Accept the offer' })).toBeNull();
  });

  it('accepts a free offer and goes to My tickets', async () => {
    mock.onGet('/waiting-list/').reply(200, [OFFER]);
    mock.onPost('/waiting-list/7/accept/').reply(201, makeBooking({ id: 42 }));
    renderRoute();
    await userEvent.setup().click(await screen.findByRole('button', { name: 'Accept the offer' }));
    await vi.waitFor(() => {
      expect(screen.getByTestId('location')).toHaveTextContent(/^\/tickets$/);
    });
  });

  it('accepts a priced offer and goes to its payment', async () => {
    mock.onGet('/waiting-list/').reply(200, [OFFER]);
    mock.onPost('/waiting-list/7/accept/').reply(201, makePendingBooking({ id: 43 }));
    renderRoute();
    await userEvent.setup().click(await screen.findByRole('button', { name: 'Accept the offer' }));
    await vi.waitFor(() => {
      expect(screen.getByTestId('location')).toHaveTextContent(/^\/tickets\/43$/);
    });
  });

  it('asks the names and the questions of the offered tickets and sends them', async () => {
    mock.onGet('/waiting-list/').reply(200, [OFFER]);
    mock.onGet('/events/5/questions/').reply(200, [
      {
        id: 1,
        label: 'Dietary needs',
        kind: 'text',
        options: [],
        required: true,
        per: 'ticket',
        ticket_types: [],
        position: 1,
      },
    ]);
    mock.onPost('/waiting-list/7/accept/').reply(201, makeBooking({ id: 42 }));
    renderRoute();
    const user = userEvent.setup();
    const first = await screen.findByRole('group', { name: 'General admission, ticket 1' });
    const second = screen.getByRole('group', { name: 'General admission, ticket 2' });
    await user.type(within(first).getByLabelText(/^Name on this ticket/), 'Ada Friend');
    await user.type(within(first).getByLabelText('Dietary needs (required)'), 'Vegan');
    await user.type(within(second).getByLabelText('Dietary needs (required)'), 'None');
    await user.click(screen.getByRole('button', { name: 'Accept the offer' }));
    await vi.waitFor(() => {
      expect(mock.history.post).toHaveLength(1);
    });
    expect(JSON.parse(mock.history.post[0]!.data as string)).toEqual({
      attendees: [{ name: 'Ada Friend', answers: { '1': 'Vegan' } }, { answers: { '1': 'None' } }],
      answers: {},
    });
  });

  it('says when the offer expired', async () => {
    mock.onGet('/waiting-list/').reply(200, [OFFER]);
    mock.onPost('/waiting-list/7/accept/').reply(409, apiError('offer_expired', 'Expired.'));
    renderRoute();
    await userEvent.setup().click(await screen.findByRole('button', { name: 'Accept the offer' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('This offer has expired');
  });

  it('leaves the waiting list', async () => {
    mock.onGet('/waiting-list/').reply(200, [entry()]);
    mock.onDelete('/waiting-list/7/').reply(204);
    renderRoute();
    await userEvent
      .setup()
      .click(await screen.findByRole('button', { name: 'Leave the waiting list' }));
    await vi.waitFor(() => {
      expect(mock.history.delete).toHaveLength(1);
    });
  });

  it('says when there is nothing', async () => {
    mock.onGet('/waiting-list/').reply(200, []);
    renderRoute();
    expect(await screen.findByText('You are on no waiting list.')).toBeInTheDocument();
  });
});
