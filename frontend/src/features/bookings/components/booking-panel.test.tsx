import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type MockAdapter from 'axios-mock-adapter';

import { BookingPanel } from '@/features/bookings/components/booking-panel';
import type { ErrorCode, Event, User } from '@/types/api';
import {
  apiError,
  authValue,
  makeBooking,
  makeEvent,
  makePendingBooking,
  makeTicketType,
  makeUser,
  mockApi,
  paginated,
  renderWithProviders,
} from '@/testing/test-utils';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function renderPanel(event: Event = makeEvent(), user: User | null = makeUser('attendee')) {
  return renderWithProviders(<BookingPanel event={event} />, {
    auth: authValue(user),
    route: `/events/${String(event.id)}`,
    path: '/events/:id',
  });
}

function keyOf(index: number, mock: MockAdapter): string | undefined {
  return (mock.history.post[index]!.headers as Record<string, string>)['Idempotency-Key'];
}

describe('BookingPanel', () => {
  let mock: MockAdapter;
  beforeEach(() => {
    mock = mockApi();
    // The attendee holds no booking yet.
    mock.onGet('/bookings/').reply(200, paginated([]));
    mock.onGet(/\/events\/\d+\/questions\/$/).reply(200, []);
  });
  afterEach(() => {
    mock.restore();
  });

  it('offers 1..min(max_per_booking, tickets_available) and shows the total', async () => {
    renderPanel(
      makeEvent({
        max_per_booking: 4,
        tickets_available: 3,
        price: '12.50',
        ticket_types: [makeTicketType(11, { price: '12.50', available: 3 })],
      }),
    );
    const quantity = await screen.findByLabelText('Quantity');
    expect(Array.from((quantity as HTMLSelectElement).options, (o) => o.value)).toEqual([
      '1',
      '2',
      '3',
    ]);
    await userEvent.setup().selectOptions(quantity, '3');
    expect(screen.getByRole('status')).toHaveTextContent('37.50');
  });

  it('books, sends an Idempotency-Key and goes to My tickets', async () => {
    mock.onPost('/book-ticket/').reply(201, makeBooking({ id: 42 }));
    const { queryClient } = renderPanel();
    const invalidate = vi.spyOn(queryClient, 'invalidateQueries');
    const user = userEvent.setup();

    await user.selectOptions(await screen.findByLabelText('Quantity'), '2');
    await user.click(screen.getByRole('button', { name: 'Book tickets' }));

    await vi.waitFor(() => {
      expect(screen.getByTestId('location')).toHaveTextContent(/^\/tickets$/);
    });
    expect(JSON.parse(mock.history.post[0]!.data as string)).toEqual({
      event: 5,
      items: [{ ticket_type: 11, quantity: 2 }],
      payment_method: 'manual',
      attendees: [{ answers: {} }, { answers: {} }],
      answers: {},
    });
    expect(keyOf(0, mock)).toMatch(UUID);
    expect(invalidate).toHaveBeenCalledWith({ queryKey: ['events'] });
    expect(invalidate).toHaveBeenCalledWith({ queryKey: ['bookings'] });
  });

  it('reuses the same key when retrying after a network error', async () => {
    mock.onPost('/book-ticket/').networkErrorOnce();
    mock.onPost('/book-ticket/').reply(201, makeBooking());
    renderPanel();
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Book tickets' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Your booking was not confirmed');
    await user.click(screen.getByRole('button', { name: 'Book tickets' }));

    await vi.waitFor(() => {
      expect(screen.getByTestId('location')).toHaveTextContent('/tickets');
    });
    expect(mock.history.post).toHaveLength(2);
    expect(keyOf(0, mock)).toMatch(UUID);
    expect(keyOf(1, mock)).toBe(keyOf(0, mock));
  });

  it('uses a new key for a new submission after a definite answer', async () => {
    mock.onPost('/book-ticket/').reply(409, apiError('capacity_exceeded', 'Only 1 ticket left.'));
    renderPanel();
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Book tickets' }));
    await screen.findByRole('alert');
    await user.click(screen.getByRole('button', { name: 'Book tickets' }));

    await vi.waitFor(() => {
      expect(mock.history.post).toHaveLength(2);
    });
    expect(keyOf(1, mock)).toMatch(UUID);
    expect(keyOf(1, mock)).not.toBe(keyOf(0, mock));
  });

  it.each<[ErrorCode, number, string, string]>([
    ['sold_out', 409, 'Sold out', 'Sold out'],
    ['capacity_exceeded', 409, 'Only 2 tickets left.', 'Only 2 tickets left.'],
    ['duplicate_booking', 409, 'Already booked.', 'You already have tickets for this event'],
    ['event_not_bookable', 400, 'Event has ended.', 'This event cannot be booked'],
    ['ticket_type_sold_out', 409, 'Balcony is sold out.', 'Balcony is sold out.'],
    ['sales_not_open', 400, 'Sales open on 1 June.', 'Sales have not started'],
    ['sales_closed', 400, 'Sales ended.', 'Sales have ended'],
    ['payment_method_unavailable', 400, 'No.', 'This payment method is not available'],
    ['permission_denied', 403, 'Forbidden.', 'Only attendee accounts can book tickets.'],
  ])('shows the message for %s', async (code, status, detail, message) => {
    mock.onPost('/book-ticket/').reply(status, apiError(code, detail));
    renderPanel();

    await userEvent.setup().click(await screen.findByRole('button', { name: 'Book tickets' }));

    expect(await screen.findByRole('alert')).toHaveTextContent(message);
    expect(screen.queryByTestId('location')).not.toBeInTheDocument();
  });

  it('links a duplicate booking to My tickets', async () => {
    mock.onPost('/book-ticket/').reply(409, apiError('duplicate_booking', 'Already.'));
    renderPanel();

    await userEvent.setup().click(await screen.findByRole('button', { name: 'Book tickets' }));

    const alert = await screen.findByRole('alert');
    expect(alert.querySelector('a')).toHaveAttribute('href', '/tickets');
  });

  it('refreshes availability after capacity_exceeded', async () => {
    mock.onPost('/book-ticket/').reply(409, apiError('capacity_exceeded', 'Only 1 left.'));
    const { queryClient } = renderPanel();
    const invalidate = vi.spyOn(queryClient, 'invalidateQueries');

    await userEvent.setup().click(await screen.findByRole('button', { name: 'Book tickets' }));

    await screen.findByRole('alert');
    expect(invalidate).toHaveBeenCalledWith({ queryKey: ['events'] });
  });

  it('shows a quantity validation error next to the field', async () => {
    mock.onPost('/book-ticket/').reply(
      400,
      apiError('validation_error', 'Invalid input.', {
        quantity: ['At most 4 tickets per booking.'],
      }),
    );
    renderPanel();

    await userEvent.setup().click(await screen.findByRole('button', { name: 'Book tickets' }));

    expect(await screen.findByText('At most 4 tickets per booking.')).toBeInTheDocument();
    expect(screen.getByLabelText('Quantity')).toHaveAccessibleDescription(
      'At most 4 tickets per booking.',
    );
  });

  it('asks anonymous visitors to sign in or sign up, coming back to the event', () => {
    renderPanel(makeEvent(), null);
    expect(screen.getByRole('link', { name: 'Sign in to book' })).toHaveAttribute(
      'href',
      `/login?next=${encodeURIComponent('/events/5')}`,
    );
    expect(screen.getByRole('link', { name: 'New here? Create an account' })).toHaveAttribute(
      'href',
      `/register?next=${encodeURIComponent('/events/5')}`,
    );
    expect(mock.history.get).toHaveLength(0);
    expect(screen.queryByRole('button', { name: 'Book tickets' })).not.toBeInTheDocument();
  });

  it('shows organizers a note instead of the form', () => {
    renderPanel(makeEvent(), makeUser('organizer'));
    expect(screen.getByText('Booking is for attendees')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Book tickets' })).not.toBeInTheDocument();
  });

  it.each<[string, Partial<Event>, string]>([
    ['sold out', { tickets_available: 0, tickets_sold: 100, phase: 'sold_out' }, 'Sold out'],
    ['cancelled', { status: 'cancelled', phase: 'cancelled' }, 'This event has been cancelled'],
    ['draft', { status: 'draft', phase: 'draft' }, 'Not open for booking'],
    [
      'ended',
      { starts_at: '2000-01-01T20:00:00Z', ends_at: '2000-01-01T23:00:00Z', phase: 'ended' },
      'This event has ended',
    ],
  ])('shows a %s event as not bookable', async (_name, overrides, text) => {
    renderPanel(makeEvent(overrides));
    expect(await screen.findByText(text)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Book tickets' })).not.toBeInTheDocument();
  });

  describe('ticket types and payment', () => {
    const types = [
      makeTicketType(21, { name: 'Balcony', price: '40.00', position: 1, available: 5 }),
      makeTicketType(22, { name: 'Floor', price: '15.50', position: 0 }),
      makeTicketType(23, { name: 'Early bird', price: '9.00', position: 2, available: 0 }),
      makeTicketType(24, { name: 'Late', position: 3, sales_start: '2099-05-01T10:00:00Z' }),
      makeTicketType(25, { name: 'Past', position: 4, sales_end: '2000-01-01T00:00:00Z' }),
    ];

    it('lists the types in order with why some cannot be bought', async () => {
      renderPanel(makeEvent({ ticket_types: types, payment_methods: ['stripe', 'manual'] }));
      // The form shows once the attendee's bookings are read.
      await screen.findByRole('button', { name: 'Book tickets' });
      const rows = screen.getAllByTestId('ticket-type');
      expect(rows.map((row) => row.querySelector('p')?.textContent)).toEqual([
        'Floor',
        'Balcony',
        'Early bird',
        'Late',
        'Past',
      ]);
      expect(rows[1]).toHaveTextContent('5 left');
      expect(rows[2]).toHaveTextContent('Sold out');
      expect(rows[3]).toHaveTextContent(/On sale from .*2099|On sale from/);
      expect(rows[4]).toHaveTextContent('Sales ended');
      // Only the types on sale have a quantity to choose.
      expect(screen.getByLabelText('Floor quantity')).toBeInTheDocument();
      expect(screen.getByLabelText('Balcony quantity')).toBeInTheDocument();
      expect(screen.queryByLabelText('Early bird quantity')).not.toBeInTheDocument();
      expect(screen.queryByLabelText('Late quantity')).not.toBeInTheDocument();
    });

    it('books several types, asks how to pay, and goes on to pay a pending booking', async () => {
      mock.onPost('/book-ticket/').reply(201, makePendingBooking({ id: 42 }));
      renderPanel(makeEvent({ ticket_types: types, payment_methods: ['stripe', 'manual'] }));
      // The form shows once the attendee's bookings are read.
      await screen.findByRole('button', { name: 'Book tickets' });
      const user = userEvent.setup();

      await user.selectOptions(screen.getByLabelText('Floor quantity'), '2');
      await user.selectOptions(screen.getByLabelText('Balcony quantity'), '1');
      expect(screen.getByRole('status')).toHaveTextContent('71.00');
      await user.click(screen.getByRole('button', { name: 'Book tickets' }));
      expect(screen.getByRole('alert')).toHaveTextContent('Choose how you want to pay.');
      expect(mock.history.post).toHaveLength(0);

      await user.click(screen.getByRole('radio', { name: /^Card/ }));
      await user.click(screen.getByRole('button', { name: 'Book tickets' }));

      await vi.waitFor(() => {
        expect(screen.getByTestId('location')).toHaveTextContent(/^\/tickets\/42$/);
      });
      expect(JSON.parse(mock.history.post[0]!.data as string)).toEqual({
        event: 5,
        items: [
          { ticket_type: 22, quantity: 2 },
          { ticket_type: 21, quantity: 1 },
        ],
        payment_method: 'stripe',
        attendees: [{ answers: {} }, { answers: {} }, { answers: {} }],
        answers: {},
      });
    });

    it('asks for at least one ticket when several types are on sale', async () => {
      renderPanel(makeEvent({ ticket_types: types }));
      // The form shows once the attendee's bookings are read.
      await screen.findByRole('button', { name: 'Book tickets' });
      await userEvent.setup().click(screen.getByRole('button', { name: 'Book tickets' }));
      expect(screen.getByRole('alert')).toHaveTextContent('Choose at least one ticket.');
      expect(mock.history.post).toHaveLength(0);
    });

    it('offers card only when the event takes it', async () => {
      renderPanel(makeEvent({ payment_methods: ['manual'] }));
      // The form shows once the attendee's bookings are read.
      await screen.findByRole('button', { name: 'Book tickets' });
      expect(screen.queryByRole('radio', { name: /^Card/ })).not.toBeInTheDocument();
      expect(screen.getByRole('radio', { name: /^Bank transfer/ })).toBeChecked();
    });

    it('sends no payment method for free tickets', async () => {
      mock.onPost('/book-ticket/').reply(201, makeBooking({ id: 43 }));
      renderPanel(
        makeEvent({
          price: '0.00',
          ticket_types: [makeTicketType(11, { price: '0.00' })],
          payment_methods: ['stripe', 'manual'],
        }),
      );
      // The form shows once the attendee's bookings are read.
      await screen.findByRole('button', { name: 'Book tickets' });
      const user = userEvent.setup();
      expect(screen.queryByRole('radio')).not.toBeInTheDocument();
      await user.click(screen.getByRole('button', { name: 'Book tickets' }));
      await vi.waitFor(() => {
        expect(screen.getByTestId('location')).toHaveTextContent(/^\/tickets$/);
      });
      expect(JSON.parse(mock.history.post[0]!.data as string)).toEqual({
        event: 5,
        items: [{ ticket_type: 11, quantity: 1 }],
        attendees: [{ answers: {} }],
        answers: {},
      });
    });
  });

  it('shows "You have N tickets" instead of the form to a holder', async () => {
    mock
      .onGet('/bookings/')
      .reply(
        200,
        paginated([
          makeBooking({ id: 3, event: 77 }),
          makeBooking({ id: 4, event: 5, quantity: 2 }),
        ]),
      );
    renderPanel();

    expect(await screen.findByText('You have 2 tickets for this event')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Show my tickets' })).toHaveAttribute(
      'href',
      '/tickets',
    );
    expect(screen.queryByRole('button', { name: 'Book tickets' })).not.toBeInTheDocument();
  });

  it('offers the form again once the booking was cancelled', async () => {
    mock
      .onGet('/bookings/')
      .reply(
        200,
        paginated([makeBooking({ event: 5, status: 'cancelled', cancelled_by: 'attendee' })]),
      );
    renderPanel();

    expect(await screen.findByRole('button', { name: 'Book tickets' })).toBeInTheDocument();
    expect(screen.queryByText(/You have/)).not.toBeInTheDocument();
  });
});
