import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type MockAdapter from 'axios-mock-adapter';

import { BookingPanel } from '@/features/bookings/components/booking-panel';
import type { Event, MyWaitingListEntry, User } from '@/types/api';
import {
  apiError,
  authValue,
  makeEvent,
  makeTicketType,
  makeUser,
  mockApi,
  paginated,
  renderWithProviders,
} from '@/testing/test-utils';

const soldOut = (overrides: Partial<Event> = {}) =>
  makeEvent({
    phase: 'sold_out',
    tickets_available: 0,
    waiting_list: true,
    ticket_types: [makeTicketType(11, { available: 0 })],
    ...overrides,
  });

function renderPanel(event: Event, user: User | null = makeUser('attendee')) {
  return renderWithProviders(<BookingPanel event={event} />, {
    auth: authValue(user),
    route: `/events/${String(event.id)}`,
    path: '/events/:id',
  });
}

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
      timezone: event.timezone,
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

describe('Join the waiting list', () => {
  let mock: MockAdapter;
  beforeEach(() => {
    mock = mockApi();
    mock.onGet('/bookings/').reply(200, paginated([]));
    mock.onGet(/\/events\/\d+\/questions\/$/).reply(200, []);
  });
  afterEach(() => {
    mock.restore();
  });

  it('on a sold-out event, joins with the quantity chosen and shows the place', async () => {
    let joined = false;
    mock.onGet('/waiting-list/').reply(() => [200, joined ? [entry({ position: 1 })] : []]);
    mock.onPost('/events/5/waiting-list/').reply(() => {
      joined = true;
      return [201, { ...entry({ position: 1 }), event: undefined }];
    });
    renderPanel(soldOut());
    const user = userEvent.setup();
    expect(await screen.findByText('Sold out')).toBeInTheDocument();
    await user.selectOptions(await screen.findByLabelText('Tickets wanted'), '2');
    await user.click(screen.getByRole('button', { name: 'Join the waiting list' }));
    expect(JSON.parse(mock.history.post[0]!.data as string)).toEqual({
      ticket_type: 11,
      quantity: 2,
    });
    expect(await screen.findByTestId('waiting-list-place')).toHaveTextContent(
      'You are number 1 on the waiting list',
    );
  });

  it('says why joining was refused, by code', async () => {
    mock.onGet('/waiting-list/').reply(200, []);
    mock
      .onPost('/events/5/waiting-list/')
      .reply(409, apiError('not_sold_out', 'Tickets are still on sale.'));
    renderPanel(soldOut());
    await userEvent
      .setup()
      .click(await screen.findByRole('button', { name: 'Join the waiting list' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Tickets are on sale again');
  });

  it('shows an offer with a link to accept it', async () => {
    mock.onGet('/waiting-list/').reply(200, [entry({ status: 'offered', position: 1 })]);
    renderPanel(soldOut());
    expect(await screen.findByTestId('waiting-list-place')).toHaveTextContent(
      'Tickets are held for you',
    );
    expect(screen.getByRole('link', { name: 'Accept the offer' })).toHaveAttribute(
      'href',
      '/waiting-list',
    );
  });

  it('offers only the sold-out types while others are on sale', async () => {
    mock.onGet('/waiting-list/').reply(200, []);
    renderPanel(
      makeEvent({
        waiting_list: true,
        ticket_types: [
          makeTicketType(11, { name: 'VIP', available: 0 }),
          makeTicketType(12, { name: 'Standing', available: 50, position: 1 }),
        ],
      }),
    );
    expect(await screen.findByRole('button', { name: 'Book tickets' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Join the waiting list' })).toBeInTheDocument();
    expect(screen.queryByLabelText('Ticket type')).not.toBeInTheDocument();
  });

  it('is not offered when the event has no waiting list', async () => {
    renderPanel(soldOut({ waiting_list: false }));
    expect(await screen.findByText('Sold out')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Join the waiting list' })).toBeNull();
  });
});
