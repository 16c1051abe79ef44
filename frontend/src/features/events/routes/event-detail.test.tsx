import { screen } from '@testing-library/react';
import type MockAdapter from 'axios-mock-adapter';

import { EventDetailRoute } from '@/features/events/routes/event-detail';
import type { Event } from '@/types/api';
import {
  authValue,
  makeEvent,
  makeTicketType,
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
