import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type MockAdapter from 'axios-mock-adapter';

import { BookingDetailRoute } from '@/features/bookings/routes/booking-detail';
import { getStripe } from '@/features/bookings/utils/stripe';
import { formatEventDateTime } from '@/lib/event-time';
import type { Booking } from '@/types/api';
import {
  apiError,
  authValue,
  makeBooking,
  makePayment,
  makePendingBooking,
  makeUser,
  mockApi,
  renderWithProviders,
} from '@/testing/test-utils';

// Stripe.js itself is a script from Stripe's servers; here a stand-in with the same calls.
// The browser test (e2e/test_paid_booking.py) runs the page against localstripe's Stripe.js.
vi.mock('@/features/bookings/utils/stripe', () => ({ getStripe: vi.fn() }));

function fakeStripe() {
  const card = { mount: vi.fn(), on: vi.fn(), destroy: vi.fn() };
  const stripe = {
    elements: vi.fn(() => ({ create: vi.fn(() => card) })),
    createPaymentMethod: vi.fn(() => Promise.resolve({ paymentMethod: { id: 'pm_card_1' } })),
    confirmCardPayment: vi.fn(() => Promise.resolve({ paymentIntent: { status: 'succeeded' } })),
  };
  vi.mocked(getStripe).mockResolvedValue(stripe as never);
  return { stripe, card };
}

const IN_TEN_MINUTES = () => new Date(Date.now() + 10 * 60 * 1000 + 500).toISOString();

function pendingCard(overrides: Partial<Booking> = {}): Booking {
  return makePendingBooking({ id: 42, expires_at: IN_TEN_MINUTES(), ...overrides });
}

function paid(): Booking {
  return makeBooking({ id: 42, payment: makePayment({ method: 'stripe' }) });
}

/** Both tickets' QR images are shown (each appears once its image has loaded). */
async function expectTwoQrCodes(container: HTMLElement = document.body) {
  await vi.waitFor(() => {
    expect(within(container).getAllByRole('img', { name: /QR code/ })).toHaveLength(2);
  });
}

function renderDetail() {
  return renderWithProviders(<BookingDetailRoute />, {
    auth: authValue(makeUser('attendee')),
    route: '/tickets/42',
    path: '/tickets/:id',
  });
}

describe('BookingDetailRoute', () => {
  let mock: MockAdapter;
  beforeEach(() => {
    mock = mockApi();
    Object.assign(URL, { createObjectURL: vi.fn(() => 'blob:qr'), revokeObjectURL: vi.fn() });
    for (const id of [7, 8]) {
      mock.onGet(`/tickets/${String(id)}/qr.png`).reply(200, new Blob(['png']));
    }
  });
  afterEach(() => {
    mock.restore();
    vi.mocked(getStripe).mockReset();
  });

  it('shows the code the booking was made with and what it took off', async () => {
    mock.onGet('/bookings/42/').reply(200, {
      ...paid(),
      total_amount: '40.00',
      discount: { code: 'SPRING', amount: '10.00' },
    });
    renderDetail();
    const article = await screen.findByRole('article', { name: 'Night Jazz' });
    expect(within(article).getByTestId('booking-discount')).toHaveTextContent('Code SPRING');
    expect(within(article).getByTestId('booking-discount')).toHaveTextContent('−€10.00');
  });

  it('shows the hold and no QR code before payment, then the tickets once paid', async () => {
    const { stripe, card } = fakeStripe();
    mock.onGet('/bookings/42/').reply(200, pendingCard());
    mock.onPost('/bookings/42/pay/').reply(200, paid());
    renderDetail();
    const user = userEvent.setup();

    const article = await screen.findByRole('article', { name: 'Night Jazz' });
    expect(within(article).getByTestId('hold-countdown')).toHaveTextContent(/held for 10:0\d more/);
    expect(within(article).getAllByText('Awaiting payment')).toHaveLength(3);
    expect(within(article).queryByRole('img')).not.toBeInTheDocument();
    expect(getStripe).toHaveBeenCalledWith('pk_test_123');
    await vi.waitFor(() => {
      expect(card.mount).toHaveBeenCalled();
    });

    await user.click(screen.getByRole('button', { name: 'Pay €50.00' }));

    await expectTwoQrCodes(article);
    expect(stripe.createPaymentMethod).toHaveBeenCalledWith({ type: 'card', card });
    expect(JSON.parse(mock.history.post[0]!.data as string)).toEqual({
      payment_method: 'pm_card_1',
    });
    expect(stripe.confirmCardPayment).not.toHaveBeenCalled();
    expect(within(article).getByTestId('money-state')).toHaveTextContent('Paid €50.00 by card');
  });

  it('finishes 3-D Secure in the page and asks the server to confirm until it is paid', async () => {
    const { stripe } = fakeStripe();
    const pending = pendingCard();
    mock.onGet('/bookings/42/').reply(200, pending);
    mock.onPost('/bookings/42/pay/').reply(200, {
      ...pending,
      payment: { ...pending.payment, next_action: { client_secret: 'pi_1_secret_2' } },
    });
    // The server asks Stripe: not settled yet the first time (no webhook needed).
    mock.onPost('/bookings/42/pay/confirm/').replyOnce(200, pending);
    mock.onPost('/bookings/42/pay/confirm/').reply(200, paid());
    renderDetail();

    const pay = await screen.findByRole('button', { name: 'Pay €50.00' });
    await vi.waitFor(() => {
      expect(pay).toBeEnabled();
    });
    await userEvent.setup().click(pay);

    expect(await screen.findByText('Payment received', {}, { timeout: 5_000 })).toBeInTheDocument();
    expect(stripe.confirmCardPayment).toHaveBeenCalledWith('pi_1_secret_2');
    const confirms = mock.history.post.filter((r) => r.url === '/bookings/42/pay/confirm/');
    expect(confirms).toHaveLength(2);
    await expectTwoQrCodes();
  });

  it('says a declined card was declined and lets the buyer try again', async () => {
    fakeStripe();
    mock.onGet('/bookings/42/').reply(200, pendingCard());
    mock
      .onPost('/bookings/42/pay/')
      .replyOnce(402, apiError('payment_declined', 'Your card was declined.'));
    mock.onPost('/bookings/42/pay/').reply(200, paid());
    renderDetail();
    const user = userEvent.setup();

    const pay = await screen.findByRole('button', { name: 'Pay €50.00' });
    await vi.waitFor(() => {
      expect(pay).toBeEnabled();
    });
    await user.click(pay);

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Your card was declined');
    expect(alert).toHaveTextContent('Nothing was charged');
    expect(screen.queryByRole('img', { name: /QR code/ })).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Pay €50.00' }));
    await expectTwoQrCodes();
    expect(mock.history.post).toHaveLength(2);
  });

  it('says when the bank check failed, without charging', async () => {
    const { stripe } = fakeStripe();
    stripe.confirmCardPayment.mockResolvedValue({
      error: { message: 'Authentication failed.' },
    } as never);
    const pending = pendingCard();
    mock.onGet('/bookings/42/').reply(200, pending);
    mock.onPost('/bookings/42/pay/').reply(200, {
      ...pending,
      payment: { ...pending.payment, next_action: { client_secret: 'pi_1_secret_2' } },
    });
    renderDetail();

    const pay = await screen.findByRole('button', { name: 'Pay €50.00' });
    await vi.waitFor(() => {
      expect(pay).toBeEnabled();
    });
    await userEvent.setup().click(pay);

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Your bank did not confirm the payment');
    expect(alert).toHaveTextContent('Authentication failed.');
    expect(screen.getByRole('button', { name: 'Pay €50.00' })).toBeEnabled();
  });

  it('shows the instructions and deadline of a manual payment, and no card form', async () => {
    mock.onGet('/bookings/42/').reply(
      200,
      pendingCard({
        expires_at: '2099-01-04T10:00:00+00:00',
        payment: makePayment({
          method: 'manual',
          status: 'pending',
          paid_at: null,
          instructions: 'IBAN DE00 1234\nReference: booking 42',
        }),
      }),
    );
    renderDetail();

    expect(await screen.findByTestId('payment-instructions')).toHaveTextContent(
      'IBAN DE00 1234 Reference: booking 42',
    );
    // The deadline, in the event's zone with the zone named, said once on the whole page.
    const deadline = formatEventDateTime('2099-01-04T10:00:00+00:00', 'Europe/Berlin');
    expect(deadline).toMatch(/11:00 CET$/);
    expect(screen.getByTestId('hold-countdown')).toHaveTextContent(`held until ${deadline}`);
    const article = screen.getByRole('article', { name: 'Night Jazz' });
    expect(article.textContent.split('11:00 CET')).toHaveLength(2);
    // The booking number, prominently, and as the transfer's reference.
    expect(within(article).getByTestId('booking-number')).toHaveTextContent('Booking #42');
    expect(screen.getByText(/Pay €50.00 as the organizer describes below/)).toHaveTextContent(
      'booking #42 as the reference',
    );
    expect(screen.queryByRole('button', { name: /^Pay/ })).not.toBeInTheDocument();
    expect(getStripe).not.toHaveBeenCalled();
  });

  it('shows an expired hold: nothing charged, no tickets, nothing to cancel', async () => {
    mock
      .onGet('/bookings/42/')
      .reply(200, pendingCard({ status: 'expired', expires_at: '2000-01-01T10:00:00+00:00' }));
    renderDetail();

    const article = await screen.findByRole('article', { name: 'Night Jazz' });
    expect(within(article).getByText('Expired')).toBeInTheDocument();
    expect(within(article).getByTestId('money-state')).toHaveTextContent('nothing was charged');
    expect(within(article).queryByRole('list', { name: 'Tickets' })).not.toBeInTheDocument();
    expect(
      within(article).queryByRole('button', { name: 'Cancel booking' }),
    ).not.toBeInTheDocument();
  });
});
