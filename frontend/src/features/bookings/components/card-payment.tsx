import type { Stripe, StripeCardElement } from '@stripe/stripe-js';
import { useEffect, useRef, useState } from 'react';

import { usePayBooking } from '@/features/bookings/api/pay-booking';
import { getStripe } from '@/features/bookings/utils/stripe';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Spinner } from '@/components/ui/spinner';
import { toApiError, type ApiError } from '@/lib/errors';
import { formatPrice } from '@/lib/format';
import type { Booking } from '@/types/api';

type Phase =
  | { step: 'loading' }
  | { step: 'unavailable' }
  | { step: 'ready' }
  | { step: 'paying' }
  | { step: 'authenticating' }
  | { step: 'failed'; title: string; message: string };

/** What a refused payment means for the buyer, by the server's code. */
function declinedPhase(error: ApiError): Phase {
  switch (error.code) {
    case 'payment_declined':
      return {
        step: 'failed',
        title: 'Your card was declined',
        message: `${error.detail} Nothing was charged. Try again or use another card while your seats are held.`,
      };
    case 'hold_expired':
      return {
        step: 'failed',
        title: 'Your hold has ended',
        message: 'The seats were released before the payment, and nothing was charged. Book again.',
      };
    case 'payment_provider_error':
      return {
        step: 'failed',
        title: 'The payment service did not answer',
        message: 'Nothing was charged. Try again in a moment.',
      };
    default:
      return { step: 'failed', title: 'The payment did not go through', message: error.detail };
  }
}

interface CardSetup {
  stripe: Stripe;
  card: StripeCardElement;
}

/** The card form of Stripe.js, mounted once the library for the booking's key has loaded. */
function useCardElement(publishableKey: string) {
  const mountRef = useRef<HTMLDivElement>(null);
  const [setup, setSetup] = useState<CardSetup | null>(null);
  const [loadFailed, setLoadFailed] = useState(false);
  const [cardError, setCardError] = useState<string | null>(null);

  useEffect(() => {
    let card: StripeCardElement | null = null;
    let cancelled = false;
    getStripe(publishableKey).then(
      (stripe) => {
        const node = mountRef.current;
        if (cancelled || !node) return;
        if (!stripe) {
          setLoadFailed(true);
          return;
        }
        card = stripe.elements().create('card', { hidePostalCode: true });
        // Stripe's own wording for an incomplete or invalid card (its message, not ours).
        card.on('change', (event) => {
          setCardError(
            (event as { error?: { message?: string } } | undefined)?.error?.message ?? null,
          );
        });
        card.mount(node);
        setSetup({ stripe, card });
      },
      () => {
        if (!cancelled) setLoadFailed(true);
      },
    );
    return () => {
      cancelled = true;
      card?.destroy();
    };
  }, [publishableKey]);

  return { mountRef, setup, loadFailed, cardError };
}

/**
 * Pay a pending booking by card: Stripe.js turns the card into a PaymentMethod, the server
 * charges it (POST /bookings/{id}/pay/); a 3-D Secure step is finished here with
 * `confirmCardPayment`, after which the page waits for the server to see the payment.
 */
export function CardPayment({
  booking,
  publishableKey,
  onAuthenticated,
  onStale,
}: {
  booking: Booking;
  publishableKey: string;
  /** The 3-D Secure step is done on Stripe's side: the server will confirm shortly. */
  onAuthenticated: () => void;
  /** The booking changed on the server (hold ended, already paid): read it again. */
  onStale: () => void;
}) {
  const { mountRef, setup, loadFailed, cardError } = useCardElement(publishableKey);
  const payMutation = usePayBooking();
  const [phase, setPhase] = useState<Phase>({ step: 'ready' });
  const busy = phase.step === 'paying' || phase.step === 'authenticating';
  const amount = formatPrice(booking.total_amount, booking.currency);

  async function authenticate(stripe: Stripe, clientSecret: string) {
    setPhase({ step: 'authenticating' });
    const result = await stripe.confirmCardPayment(clientSecret);
    if (result.error) {
      setPhase({
        step: 'failed',
        title: 'Your bank did not confirm the payment',
        message: `${result.error.message ?? 'The card check was not completed.'} Nothing was charged; you can try again.`,
      });
      return;
    }
    onAuthenticated();
    setPhase({ step: 'ready' });
  }

  async function pay() {
    if (!setup) return;
    setPhase({ step: 'paying' });
    const result = await setup.stripe
      .createPaymentMethod({ type: 'card', card: setup.card })
      // Stripe.js answers card problems in `error`; a throw means it could not run at all.
      .catch(() => undefined);
    if (!result?.paymentMethod) {
      setPhase({
        step: 'failed',
        title: 'Check your card details',
        message: result?.error.message ?? 'The card could not be read. Check it and try again.',
      });
      return;
    }
    let paid: Booking;
    try {
      paid = await payMutation.mutateAsync({
        id: booking.id,
        payment_method: result.paymentMethod.id,
      });
    } catch (failure) {
      const error = toApiError(failure);
      setPhase(declinedPhase(error));
      if (error.code === 'hold_expired' || error.code === 'payment_not_expected') onStale();
      return;
    }
    const clientSecret = paid.payment.next_action?.client_secret;
    if (paid.status === 'pending_payment' && clientSecret) {
      await authenticate(setup.stripe, clientSecret);
      return;
    }
    setPhase({ step: 'ready' });
  }

  if (loadFailed) {
    return (
      <Alert title="Card payment is not available right now">
        The secure card form could not be loaded. Check your connection and reload the page.
      </Alert>
    );
  }

  return (
    <div className="flex flex-col gap-3">
      {phase.step === 'failed' && <Alert title={phase.title}>{phase.message}</Alert>}
      <div className="flex flex-col gap-1.5">
        <span className="text-sm font-medium text-slate-800" id="card-label">
          Card
        </span>
        <div
          ref={mountRef}
          aria-labelledby="card-label"
          data-testid="card-element"
          className="min-h-11 rounded-lg border border-slate-300 bg-white px-3 py-3"
        />
        {!setup && <Spinner label="Loading the secure card form" />}
        {cardError && <p className="text-sm text-red-700">{cardError}</p>}
      </div>
      <Button
        className="sm:self-start"
        disabled={!setup || busy}
        onClick={() => {
          void pay();
        }}
      >
        {phase.step === 'paying'
          ? 'Paying…'
          : phase.step === 'authenticating'
            ? 'Waiting for your bank…'
            : `Pay ${amount}`}
      </Button>
      <p className="text-xs text-slate-500">
        Card details go straight to Stripe, our payment provider; QR-Entry never sees them.
      </p>
    </div>
  );
}
