import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type MockAdapter from 'axios-mock-adapter';

import { AttendeeList } from '@/features/dashboard/components/attendee-list';
import {
  apiError,
  authValue,
  makeAttendee,
  makeBooking,
  makePayment,
  makePendingBooking,
  makeUser,
  mockApi,
  paginated,
  renderWithProviders,
} from '@/testing/test-utils';

function renderList(takesPayments = true) {
  const context = { timeZone: 'Europe/Lisbon', takesPayments };
  return renderWithProviders(<AttendeeList eventId={5} context={context} />, {
    auth: authValue(makeUser('organizer')),
    route: '/dashboard/events/5',
    path: '/dashboard/events/:id',
  });
}

const manualPending = makePendingBooking({
  id: 9,
  expires_at: '2099-01-04T10:00:00+00:00',
  payment: makePayment({ method: 'manual', status: 'pending', paid_at: null }),
});

async function openPayment(name: string) {
  const row = (await screen.findAllByTestId('attendee-row')).find((element) =>
    element.textContent.includes(name),
  );
  if (!row) throw new Error(`no row for ${name}`);
  await userEvent.setup().click(within(row).getByRole('button', { name: 'Payment' }));
  return row;
}

describe('AttendeeList payments', () => {
  let mock: MockAdapter;
  beforeEach(() => {
    mock = mockApi();
    mock
      .onGet('/admin/events/5/attendees/')
      .reply(
        200,
        paginated([
          makeAttendee(1, { name: 'Paula Pending', booking: 9, status: 'pending' }),
          makeAttendee(2, { name: 'Rita Refund', booking: 10, status: 'cancelled' }),
        ]),
      );
  });
  afterEach(() => {
    mock.restore();
  });

  it('offers no payment actions on a free event', async () => {
    renderList(false);
    const rows = await screen.findAllByTestId('attendee-row');
    expect(rows).toHaveLength(2);
    expect(screen.queryByRole('button', { name: 'Payment' })).not.toBeInTheDocument();
  });

  it('marks a manual booking paid, then refreshes the attendees and the numbers', async () => {
    mock.onGet('/bookings/9/').reply(200, manualPending);
    mock
      .onPost('/bookings/9/mark-paid/')
      .reply(200, makeBooking({ id: 9, payment: makePayment({ method: 'manual' }) }));
    const { queryClient } = renderList();
    const invalidate = vi.spyOn(queryClient, 'invalidateQueries');

    const row = await openPayment('Paula Pending');
    expect(within(row).getByText('Awaiting payment', { selector: 'span' })).toBeInTheDocument();
    const panel = await within(row).findByTestId('booking-payment');
    expect(within(panel).getByTestId('booking-payment-status')).toHaveTextContent(
      'Awaiting payment',
    );
    expect(panel).toHaveTextContent('bank transfer or box office');
    expect(panel).toHaveTextContent('Held until');

    await userEvent
      .setup()
      .click(within(panel).getByRole('button', { name: 'Mark booking #9 paid' }));

    await vi.waitFor(() => {
      expect(within(panel).getByTestId('booking-payment-status')).toHaveTextContent('Paid');
    });
    expect(mock.history.post.map((r) => r.url)).toEqual(['/bookings/9/mark-paid/']);
    expect(within(panel).queryByRole('button', { name: /Mark/ })).not.toBeInTheDocument();
    expect(invalidate).toHaveBeenCalledWith({ queryKey: ['dashboard', 'attendees', 5] });
    expect(invalidate).toHaveBeenCalledWith({ queryKey: ['dashboard', 'analytics'] });
  });

  it('marks a cancelled manual booking refunded', async () => {
    const cancelled = makeBooking({
      id: 10,
      status: 'cancelled',
      payment: makePayment({ method: 'manual', status: 'refund_pending' }),
    });
    mock.onGet('/bookings/10/').reply(200, cancelled);
    mock.onPost('/bookings/10/mark-refunded/').reply(200, {
      ...cancelled,
      payment: { ...cancelled.payment, status: 'refunded', refunded_amount: '50.00' },
    });
    renderList();

    const row = await openPayment('Rita Refund');
    const panel = await within(row).findByTestId('booking-payment');
    expect(panel).toHaveTextContent('Refund pending');
    expect(within(panel).queryByRole('button', { name: /paid$/ })).not.toBeInTheDocument();
    await userEvent
      .setup()
      .click(within(panel).getByRole('button', { name: 'Mark booking #10 refunded' }));

    await vi.waitFor(() => {
      expect(within(panel).getByTestId('booking-payment-status')).toHaveTextContent('Refunded');
    });
    expect(panel).toHaveTextContent('Refunded: €50.00');
  });

  it('offers no marking for card payments, which Stripe reports itself', async () => {
    mock
      .onGet('/bookings/9/')
      .reply(200, makePendingBooking({ id: 9, expires_at: '2099-01-01T10:30:00+00:00' }));
    renderList();

    const row = await openPayment('Paula Pending');
    const panel = await within(row).findByTestId('booking-payment');
    expect(panel).toHaveTextContent('card (Stripe)');
    expect(within(panel).queryByRole('button')).not.toBeInTheDocument();
  });

  it('shows why marking failed', async () => {
    mock.onGet('/bookings/9/').reply(200, manualPending);
    mock
      .onPost('/bookings/9/mark-paid/')
      .reply(409, apiError('payment_not_expected', 'This booking is not waiting for a payment.'));
    renderList();

    const row = await openPayment('Paula Pending');
    const panel = await within(row).findByTestId('booking-payment');
    await userEvent
      .setup()
      .click(within(panel).getByRole('button', { name: 'Mark booking #9 paid' }));

    expect(await within(panel).findByRole('alert')).toHaveTextContent(
      'This booking is not waiting for a payment.',
    );
  });
});

describe('AttendeeList holders and answers', () => {
  let mock: MockAdapter;
  afterEach(() => {
    mock.restore();
  });

  it('shows each ticket’s type, holder, booker and answers under the question labels', async () => {
    mock = mockApi();
    mock.onGet('/events/5/questions/').reply(200, [
      {
        id: 3,
        label: 'Dietary needs',
        kind: 'multiple',
        options: ['Vegan', 'Gluten-free'],
        required: false,
        per: 'ticket',
        ticket_types: [],
        position: 0,
      },
    ]);
    mock.onGet('/admin/events/5/attendees/').reply(
      200,
      paginated([
        makeAttendee(1, {
          name: 'Bea Booker',
          attendee_name: 'Vera Vip',
          ticket_type: { id: 12, name: 'VIP table' },
          answers: { '3': ['Vegan', 'Gluten-free'] },
        }),
      ]),
    );
    renderList();
    const row = await screen.findByTestId('attendee-row');
    expect(within(row).getByText('VIP table')).toBeInTheDocument();
    expect(within(row).getByText('Vera Vip')).toBeInTheDocument();
    expect(within(row).getByText(/Booked by Bea Booker/)).toBeInTheDocument();
    expect(await within(row).findByText('Vegan, Gluten-free')).toBeInTheDocument();
    expect(within(row).getByText('Dietary needs:')).toBeInTheDocument();
  });
});
