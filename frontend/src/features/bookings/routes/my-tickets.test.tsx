import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type MockAdapter from 'axios-mock-adapter';

import { MyTicketsRoute } from '@/features/bookings/routes/my-tickets';
import { saveForUser } from '@/lib/offline-data';
import type { Booking } from '@/types/api';
import {
  makeEvent,
  authValue,
  makeBooking,
  makePayment,
  makePendingBooking,
  makeTicket,
  makeUser,
  mockApi,
  paginated,
  renderWithProviders,
} from '@/testing/test-utils';

function renderTickets() {
  return renderWithProviders(<MyTicketsRoute />, {
    auth: authValue(makeUser('attendee')),
    route: '/tickets',
    path: '/tickets',
  });
}

function cancelledCopy(booking: Booking): Booking {
  return {
    ...booking,
    status: 'cancelled',
    cancelled_at: '2099-01-02T10:00:00+00:00',
    tickets: booking.tickets.map((t) => ({ ...t, status: 'cancelled' as const })),
  };
}

describe('MyTicketsRoute', () => {
  let mock: MockAdapter;
  let createObjectURL: ReturnType<typeof vi.fn<(blob: Blob) => string>>;
  let revokeObjectURL: ReturnType<typeof vi.fn<(url: string) => void>>;

  beforeEach(() => {
    mock = mockApi();
    let n = 0;
    createObjectURL = vi.fn(() => `blob:qr-${String(++n)}`);
    revokeObjectURL = vi.fn();
    // jsdom has no object URLs.
    Object.assign(URL, { createObjectURL, revokeObjectURL });
    for (const id of [7, 8]) {
      mock
        .onGet(`/tickets/${String(id)}/qr.png`)
        .reply(200, new Blob([`png-${String(id)}`], { type: 'image/png' }));
    }
  });
  afterEach(() => {
    mock.restore();
  });

  it('shows each booking with its tickets and their QR images fetched as blobs', async () => {
    mock.onGet('/bookings/').reply(
      200,
      paginated([
        makeBooking({
          tickets: [
            makeTicket(7, {
              ticket_type: { id: 11, name: 'General admission' },
              attendee_name: 'Gus General',
            }),
            makeTicket(8, {
              ticket_type: { id: 12, name: 'VIP table' },
              attendee_name: 'Vera Vip',
              checked_in_at: '2099-06-12T19:05:00+02:00',
            }),
          ],
        }),
      ]),
    );
    renderTickets();

    const card = await screen.findByRole('article', { name: 'Night Jazz' });
    expect(within(card).getByText('Blue Hall, 1 Canal Street, Berlin')).toBeInTheDocument();
    // In the event's zone with its abbreviation, whatever the browser's zone.
    expect(within(card).getByText('Fri 12 Jun 2099, 20:00 – 23:00 CEST')).toBeInTheDocument();
    // The backup code, to type in or read out at the door, under each QR code: grouped.
    expect(within(card).getByText('HJKM-2227')).toBeInTheDocument();
    expect(within(card).getByText('HJKM-2228')).toBeInTheDocument();
    expect(within(card).getByText('Confirmed')).toBeInTheDocument();
    // Each ticket says its type and whose it is.
    expect(within(card).getByText('General admission')).toBeInTheDocument();
    expect(within(card).getByText('Gus General')).toBeInTheDocument();
    expect(within(card).getByText('VIP table')).toBeInTheDocument();
    expect(within(card).getByText('Vera Vip')).toBeInTheDocument();
    expect(within(card).getByText(/Checked in/, { selector: 'p' })).toBeInTheDocument();

    const qr7 = await within(card).findByRole('img', { name: 'QR code for ticket 7' });
    const qr8 = await within(card).findByRole('img', { name: 'QR code for ticket 8' });
    await vi.waitFor(() => {
      expect(qr7.getAttribute('src')).toMatch(/^blob:qr-/);
      expect(qr8.getAttribute('src')).toMatch(/^blob:qr-/);
    });

    const qrRequests = mock.history.get.filter((r) => r.url?.endsWith('/qr.png'));
    expect(qrRequests.map((r) => r.url).sort()).toEqual(['/tickets/7/qr.png', '/tickets/8/qr.png']);
    expect(qrRequests.every((r) => r.responseType === 'blob')).toBe(true);
    expect(createObjectURL.mock.calls[0]![0]).toBeInstanceOf(Blob);
  });

  it('cancels a booking after confirmation and voids its QR codes', async () => {
    const booking = makeBooking();
    mock.onGet('/bookings/').replyOnce(200, paginated([booking]));
    mock.onGet('/bookings/').reply(200, paginated([cancelledCopy(booking)]));
    mock.onPost('/bookings/1/cancel/').reply(200, cancelledCopy(booking));
    const { queryClient } = renderTickets();
    const invalidate = vi.spyOn(queryClient, 'invalidateQueries');
    const user = userEvent.setup();

    const card = await screen.findByRole('article', { name: 'Night Jazz' });
    await within(card).findByRole('img', { name: 'QR code for ticket 7' });

    await user.click(within(card).getByRole('button', { name: 'Cancel booking' }));
    expect(mock.history.post).toHaveLength(0);
    expect(within(card).getByText(/Are you sure/)).toBeInTheDocument();
    await user.click(within(card).getByRole('button', { name: 'Yes, cancel' }));

    // The cancelled booking moves into the folded "Past and cancelled" list.
    const folded = await screen.findByRole('list', { name: 'Past and cancelled tickets' });
    const cancelledCard = within(folded).getByRole('article', { name: 'Night Jazz' });
    expect(
      within(cancelledCard).getByText('Cancelled', { selector: 'header span' }),
    ).toBeInTheDocument();
    expect(screen.getByText('You have no upcoming tickets.')).toBeInTheDocument();
    expect(mock.history.post.map((r) => r.url)).toEqual(['/bookings/1/cancel/']);
    expect(within(cancelledCard).queryByRole('img')).not.toBeInTheDocument();
    expect(within(cancelledCard).getAllByText(/Void/)).toHaveLength(2);
    expect(within(cancelledCard).getByText('You cancelled this booking.')).toBeInTheDocument();
    expect(
      within(cancelledCard).queryByRole('button', { name: 'Cancel booking' }),
    ).not.toBeInTheDocument();
    expect(revokeObjectURL).toHaveBeenCalled();
    expect(invalidate).toHaveBeenCalledWith({ queryKey: ['events'] });
  });

  it('does not cancel when the attendee keeps the booking', async () => {
    mock.onGet('/bookings/').reply(200, paginated([makeBooking()]));
    renderTickets();
    const user = userEvent.setup();

    const card = await screen.findByRole('article', { name: 'Night Jazz' });
    await user.click(within(card).getByRole('button', { name: 'Cancel booking' }));
    await user.click(within(card).getByRole('button', { name: 'Keep booking' }));

    expect(mock.history.post).toHaveLength(0);
    expect(within(card).getByRole('button', { name: 'Cancel booking' })).toBeInTheDocument();
  });

  it('shows an empty state with a link to the events', async () => {
    mock.onGet('/bookings/').reply(200, paginated([]));
    renderTickets();
    expect(await screen.findByText('You have no tickets yet.')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Browse events' })).toHaveAttribute('href', '/');
  });

  it('puts tonight first, upcoming next, and folds past and cancelled bookings away', async () => {
    const at = (iso: string, id: number, title: string, extra: Partial<Booking> = {}) => {
      const event = makeEvent({
        id: id + 100,
        title,
        starts_at: iso,
        ends_at: new Date(Date.parse(iso) + 3 * 3600_000).toISOString(),
      });
      return makeBooking({
        id,
        event: event.id,
        event_summary: { ...makeBooking().event_summary, ...event, id: event.id },
        tickets: [],
        quantity: 1,
        ...extra,
      });
    };
    mock.onGet('/bookings/').reply(
      200,
      paginated([
        // Newest booking first, as the API sends them.
        at('2099-09-01T19:00:00+02:00', 1, 'Next month'),
        at('2000-01-01T19:00:00+01:00', 2, 'Long ago'),
        at('2099-06-01T19:00:00+02:00', 3, 'Tonight'),
        at('2099-07-01T19:00:00+02:00', 4, 'Called off', {
          status: 'cancelled',
          cancelled_by: 'organizer',
          cancelled_at: '2099-01-02T10:00:00+00:00',
        }),
      ]),
    );
    renderTickets();

    const upcoming = await screen.findByRole('list', { name: 'Upcoming tickets' });
    expect(
      within(upcoming)
        .getAllByRole('article')
        .map(
          (a) => a.getAttribute('aria-labelledby') && within(a).getByRole('heading').textContent,
        ),
    ).toEqual(['Tonight', 'Next month']);
    const disclosure = screen.getByText('Past and cancelled (2)').closest('details')!;
    expect(disclosure).not.toHaveAttribute('open');
    const past = within(disclosure).getAllByRole('article', { hidden: true });
    expect(past.map((a) => within(a).getByRole('heading', { hidden: true }).textContent)).toEqual([
      'Called off',
      'Long ago',
    ]);
    expect(
      within(past[0]!).getByText('The organizer cancelled this booking', { exact: false }),
    ).toBeInTheDocument();
    expect(mock.history.get[0]!.params).toEqual({ page: 1, page_size: 100 });
  });

  it('reads every page of bookings', async () => {
    mock
      .onGet('/bookings/')
      .replyOnce(200, { ...paginated([makeBooking({ id: 1 })]), next: '/api/bookings/?page=2' });
    mock.onGet('/bookings/').replyOnce(200, paginated([makeBooking({ id: 2, tickets: [] })]));
    renderTickets();

    await vi.waitFor(() => {
      expect(screen.getAllByRole('article')).toHaveLength(2);
    });
    const params: unknown[] = mock.history.get
      .filter((r) => r.url === '/bookings/')
      .map((r): unknown => r.params);
    expect(params).toEqual([
      { page: 1, page_size: 100 },
      { page: 2, page_size: 100 },
    ]);
  });

  it('offers no cancel once a ticket was used or the event started', async () => {
    mock.onGet('/bookings/').reply(
      200,
      paginated([
        makeBooking({
          tickets: [makeTicket(7, { checked_in_at: '2099-06-12T19:05:00+02:00' }), makeTicket(8)],
        }),
      ]),
    );
    renderTickets();

    const card = await screen.findByRole('article', { name: 'Night Jazz' });
    expect(within(card).queryByRole('button', { name: 'Cancel booking' })).not.toBeInTheDocument();
  });

  it('downloads the PDF, links the calendar file and e-mails the tickets again', async () => {
    mock.onGet('/bookings/').reply(200, paginated([makeBooking()]));
    const pdf = new Blob(['%PDF-1.7'], { type: 'application/pdf' });
    mock.onGet('/bookings/1/tickets.pdf').reply(200, pdf, {
      'content-disposition': 'attachment; filename="tickets-1.pdf"',
    });
    mock.onPost('/bookings/1/resend/').reply(202, { status: 'queued' });
    const clicked: HTMLAnchorElement[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      clicked.push(this);
    });
    renderTickets();
    const user = userEvent.setup();

    const card = await screen.findByRole('article', { name: 'Night Jazz' });
    expect(within(card).getByRole('link', { name: 'Add to calendar' })).toHaveAttribute(
      'href',
      '/api/events/5/calendar.ics',
    );
    await user.click(within(card).getByRole('button', { name: 'Download PDF' }));
    await vi.waitFor(() => {
      expect(clicked).toHaveLength(1);
    });
    expect(clicked[0]!.download).toBe('tickets-1.pdf');
    expect(createObjectURL).toHaveBeenCalledWith(pdf);

    await user.click(within(card).getByRole('button', { name: 'E-mail my tickets again' }));
    expect(await within(card).findByText(/sending your tickets/)).toBeInTheDocument();
    expect(mock.history.post.map((r) => r.url)).toEqual(['/bookings/1/resend/']);
  });

  it('shows the money state of every booking', async () => {
    const free = { tickets: [makeTicket(7)] };
    mock.onGet('/bookings/').reply(
      200,
      paginated([
        makePendingBooking({ id: 1, expires_at: '2099-01-01T10:30:00+00:00' }),
        makeBooking({ id: 2, ...free, payment: makePayment({ method: 'stripe' }) }),
        makeBooking({
          id: 3,
          ...free,
          status: 'cancelled',
          payment: makePayment({ status: 'refund_pending' }),
        }),
        makeBooking({
          id: 4,
          ...free,
          status: 'cancelled',
          payment: makePayment({ method: 'stripe', status: 'refunded', refunded_amount: '50.00' }),
        }),
        makePendingBooking({ id: 5, status: 'expired' }),
        makePendingBooking({
          id: 6,
          payment: makePayment({ method: 'stripe', status: 'failed', paid_at: null }),
        }),
        makeBooking({ id: 8, ...free, payment: makePayment({ status: 'not_required' }) }),
        // A bank transfer called off before it was paid: cancelled, not a failed payment.
        makePendingBooking({
          id: 9,
          status: 'cancelled',
          payment: makePayment({ method: 'manual', status: 'failed', paid_at: null }),
        }),
      ]),
    );
    renderTickets();

    await screen.findAllByRole('article', { name: 'Night Jazz' });
    const states = screen.getAllByTestId('money-state').map((element) => element.textContent);
    expect(states).toEqual([
      // Upcoming first (in the order sent, all on one night), then past and cancelled.
      // The deadline is said once, by the hold countdown, not in the money line.
      'Payment pending€50.00 to pay by card.',
      expect.stringMatching(/^PaidPaid €50.00 by card on /),
      'Payment failedThe last payment attempt failed; nothing was charged. You can try again while your seats are held.',
      'Refund pendingRefund pending: the organizer will refund €50.00 the way you paid.',
      'RefundedRefunded €50.00 to your card.',
      'Not chargedThe hold ended before payment: nothing was charged and the seats went back on sale.',
      'CancelledCancelled before payment: nothing was charged.',
    ]);
    // Pending bookings say how long their seats stay held and link to their payment page;
    // their tickets show no QR code.
    expect(screen.getAllByTestId('hold-countdown')).toHaveLength(2);
    for (const hold of screen.getAllByTestId('hold-countdown')) {
      expect(hold).toHaveTextContent(/^Your seats are held until /);
    }
    const links = screen.getAllByRole('link', { name: 'Pay now' });
    expect(links.map((link) => link.getAttribute('href'))).toEqual(['/tickets/1', '/tickets/6']);
    expect(
      screen.getAllByText('The QR code appears here once your payment is confirmed.'),
    ).toHaveLength(4);
  });

  it('says what happens to the money when cancelling', async () => {
    mock
      .onGet('/bookings/')
      .reply(
        200,
        paginated([
          makeBooking({ id: 1, payment: makePayment({ method: 'stripe' }) }),
          makeBooking({ id: 2, payment: makePayment({ method: 'manual' }) }),
          makePendingBooking({ id: 3 }),
        ]),
      );
    renderTickets();
    const user = userEvent.setup();

    const cards = await screen.findAllByRole('article', { name: 'Night Jazz' });
    for (const card of cards) {
      await user.click(within(card).getByRole('button', { name: 'Cancel booking' }));
    }
    expect(within(cards[0]!).getByText(/Are you sure/)).toHaveTextContent(
      '€50.00 will be refunded to your card',
    );
    expect(within(cards[1]!).getByText(/Are you sure/)).toHaveTextContent(
      'The organizer refunds €50.00 the way you paid; it shows as refund pending',
    );
    expect(within(cards[2]!).getByText(/Are you sure/)).toHaveTextContent(
      'Your held seats go back on sale and nothing is charged.',
    );
  });

  it('shows the tickets this device last saw when there is no network, for that user only', async () => {
    const booking = makeBooking({ tickets: [makeTicket(7)] });
    await saveForUser(makeUser('attendee').id, 'bookings:all', [booking]);
    const base = makeBooking({ id: 55 });
    const other = makeBooking({
      id: 55,
      event_summary: { ...base.event_summary, title: 'Someone Else’s Show' },
    });
    await saveForUser(99, 'bookings:all', [other]);
    mock.onGet('/bookings/').networkError();

    renderTickets();

    expect(await screen.findByTestId('offline-copy')).toHaveTextContent('Offline');
    expect(screen.getAllByText('Night Jazz').length).toBeGreaterThan(0);
    expect(screen.queryByText('Someone Else’s Show')).not.toBeInTheDocument();
  });
});
