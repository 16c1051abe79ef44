import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type MockAdapter from 'axios-mock-adapter';

import { MyTicketsRoute } from '@/features/bookings/routes/my-tickets';
import { saveForUser } from '@/lib/offline-data';
import type { Booking } from '@/types/api';
import {
  authValue,
  makeBooking,
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
          tickets: [makeTicket(7), makeTicket(8, { checked_in_at: '2099-06-12T19:05:00+02:00' })],
        }),
      ]),
    );
    renderTickets();

    const card = await screen.findByRole('article', { name: 'Night Jazz' });
    expect(within(card).getByText('Blue Hall')).toBeInTheDocument();
    expect(within(card).getByText('Confirmed')).toBeInTheDocument();
    expect(within(card).getByText('Ticket #7')).toBeInTheDocument();
    expect(within(card).getByText('Ticket #8')).toBeInTheDocument();
    expect(within(card).getByText(/Checked in/, { selector: 'p' })).toBeInTheDocument();

    const qr7 = await within(card).findByRole('img', { name: 'QR code for ticket 7' });
    const qr8 = await within(card).findByRole('img', { name: 'QR code for ticket 8' });
    await vi.waitFor(() => {
      expect(qr7.getAttribute('src')).toMatch(/^blob:qr-/);
      expect(qr8.getAttribute('src')).toMatch(/^blob:qr-/);
    });

    const qrRequests = mock.history.get.filter((r) => r.url?.startsWith('/tickets/'));
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

    await vi.waitFor(() => {
      expect(within(card).getByText('Cancelled', { selector: 'header span' })).toBeInTheDocument();
    });
    expect(mock.history.post.map((r) => r.url)).toEqual(['/bookings/1/cancel/']);
    expect(within(card).queryByRole('img')).not.toBeInTheDocument();
    expect(within(card).getAllByText(/Void/)).toHaveLength(2);
    expect(within(card).queryByRole('button', { name: 'Cancel booking' })).not.toBeInTheDocument();
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

  it('shows the tickets this device last saw when there is no network, for that user only', async () => {
    const booking = makeBooking({ tickets: [makeTicket(7)] });
    await saveForUser(makeUser('attendee').id, 'bookings:1', paginated([booking]));
    const base = makeBooking({ id: 55 });
    const other = makeBooking({
      id: 55,
      event_summary: { ...base.event_summary, title: 'Someone Else’s Show' },
    });
    await saveForUser(99, 'bookings:1', paginated([other]));
    mock.onGet('/bookings/').networkError();

    renderTickets();

    expect(await screen.findByTestId('offline-copy')).toHaveTextContent('Offline');
    expect(screen.getAllByText('Night Jazz').length).toBeGreaterThan(0);
    expect(screen.queryByText('Someone Else’s Show')).not.toBeInTheDocument();
  });
});
