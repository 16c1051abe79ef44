import { screen, within } from '@testing-library/react';
import type MockAdapter from 'axios-mock-adapter';

import { MyTicketsRoute } from '@/features/bookings/routes/my-tickets';
import type { HeldTicket } from '@/types/api';
import {
  authValue,
  makeBooking,
  makeTicket,
  makeUser,
  mockApi,
  paginated,
  renderWithProviders,
} from '@/testing/test-utils';

function received(id: number, overrides: Partial<HeldTicket> = {}): HeldTicket {
  const booking = makeBooking();
  return {
    ...makeTicket(id, { attendee_name: 'Fran Friend' }),
    booking: 77,
    event: { ...booking.event_summary, title: 'Harbour Lights' },
    received_by_transfer: true,
    ...overrides,
  };
}

describe('My tickets: tickets transferred to you', () => {
  let mock: MockAdapter;
  beforeEach(() => {
    mock = mockApi();
    Object.assign(URL, { createObjectURL: () => 'blob:qr', revokeObjectURL: () => undefined });
    mock.onGet(/\/tickets\/\d+\/qr\.png/).reply(200, new Blob(['png']));
    mock.onGet(/\/events\/\d+\/questions\//).reply(200, []);
  });
  afterEach(() => {
    mock.restore();
  });

  it('shows a ticket someone transferred, with its code, beside no bookings of ones own', async () => {
    mock.onGet('/bookings/').reply(200, paginated([]));
    mock.onGet('/tickets/').reply(
      200,
      paginated([
        received(31),
        // One of the user's own bookings: shown with its booking, not here.
        { ...received(32), received_by_transfer: false },
      ]),
    );
    renderWithProviders(<MyTicketsRoute />, {
      auth: authValue(makeUser('attendee')),
      route: '/tickets',
      path: '/tickets',
    });
    const section = await screen.findByRole('region', { name: 'Transferred to you' });
    const [card] = within(section).getAllByRole('article');
    expect(card).toHaveAccessibleName('Ticket for Harbour Lights');
    expect(within(card!).getByText('Fran Friend')).toBeInTheDocument();
    expect(within(card!).getByTestId('backup-code')).toHaveTextContent('HJKM-2231');
    expect(within(section).getAllByRole('article')).toHaveLength(1);
    expect(screen.queryByText('You have no tickets yet.')).not.toBeInTheDocument();
  });
});
