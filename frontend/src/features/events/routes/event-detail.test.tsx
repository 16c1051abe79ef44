import { screen } from '@testing-library/react';
import type MockAdapter from 'axios-mock-adapter';

import { EventDetailRoute } from '@/features/events/routes/event-detail';
import type { Event, User } from '@/types/api';
import {
  authValue,
  makeEvent,
  makeTicketType,
  makeUser,
  mockApi,
  renderWithProviders,
} from '@/testing/test-utils';

function renderDetail(event: Event) {
  return renderWithProviders(<EventDetailRoute />, {
    auth: authValue(null),
    route: `/events/${String(event.id)}`,
    path: '/events/:id',
  });
}

function priceFact(): string {
  const term = screen.getByText('Price', { selector: 'dt' });
  return term.nextElementSibling?.textContent ?? '';
}

describe('EventDetailRoute price', () => {
  let mock: MockAdapter;
  beforeEach(() => {
    mock = mockApi();
  });
  afterEach(() => {
    mock.restore();
  });

  it('shows the one price of a one-type event', async () => {
    const event = makeEvent();
    mock.onGet('/events/5/').reply(200, event);
    renderDetail(event);
    await screen.findByRole('heading', { name: 'Night Jazz' });
    expect(priceFact()).toBe('€25.00');
  });

  it('shows "from" the lowest price when the types differ', async () => {
    const event = makeEvent({
      price: '15.00',
      ticket_types: [
        makeTicketType(1, { price: '15.00' }),
        makeTicketType(2, { name: 'Balcony', price: '40.00' }),
      ],
    });
    mock.onGet('/events/5/').reply(200, event);
    renderDetail(event);
    await screen.findByRole('heading', { name: 'Night Jazz' });
    expect(priceFact()).toBe('From €15.00');
  });
});

describe('EventDetailRoute manage link', () => {
  let mock: MockAdapter;
  beforeEach(() => {
    mock = mockApi();
  });
  afterEach(() => {
    mock.restore();
  });

  function renderAs(user: User, event: Event) {
    mock.onGet('/events/5/').reply(200, event);
    return renderWithProviders(<EventDetailRoute />, {
      auth: authValue(user),
      route: '/events/5',
      path: '/events/:id',
    });
  }

  it('shows the manage link when the event says the viewer may manage it', async () => {
    renderAs(makeUser('attendee', { id: 3 }), makeEvent({ can_manage: true }));
    expect(await screen.findByRole('link', { name: 'Manage this event' })).toHaveAttribute(
      'href',
      '/organizer/events/5',
    );
  });

  it('hides it when the event says no, whoever the viewer seems to be', async () => {
    // Same id as the organizer in the answer: the SPA no longer compares ids itself.
    renderAs(makeUser('organizer', { id: 99 }), makeEvent({ can_manage: false }));
    await screen.findByRole('heading', { name: 'Night Jazz' });
    expect(screen.queryByRole('link', { name: 'Manage this event' })).not.toBeInTheDocument();
  });
});
