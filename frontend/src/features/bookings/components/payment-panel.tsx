import { CardPayment } from '@/features/bookings/components/card-payment';
import { HoldCountdown } from '@/features/bookings/components/hold-countdown';
import { Alert } from '@/components/ui/alert';
import { Spinner } from '@/components/ui/spinner';
import { formatPrice } from '@/lib/format';
import type { Booking } from '@/types/api';

/**
 * How to pay a pending booking, with the time its seats stay held: the card form, or the
 * organizer's instructions for a manual payment. Nothing for a booking that is not pending.
 */
export function PaymentPanel({
  booking,
  confirming,
  onAuthenticated,
  onHoldEnd,
}: {
  booking: Booking;
  /** The card step is done; the server has not yet said the booking is paid. */
  confirming: boolean;
  onAuthenticated: () => void;
  onHoldEnd: () => void;
}) {
  const payment = booking.payment;
  if (booking.status !== 'pending_payment') return null;
  const amount = formatPrice(payment.amount, payment.currency);

  return (
    <section
      aria-labelledby={`pay-${String(booking.id)}`}
      className="flex flex-col gap-3 rounded-lg border border-amber-200 bg-amber-50 p-3 sm:p-4"
    >
      <h3 id={`pay-${String(booking.id)}`} className="font-semibold text-slate-900">
        Pay {amount} to get your tickets
      </h3>
      {booking.expires_at && (
        <HoldCountdown
          expiresAt={booking.expires_at}
          timeZone={booking.event_summary.timezone}
          onEnd={onHoldEnd}
        />
      )}
      {confirming ? (
        <p className="flex items-center gap-2 text-sm text-slate-700">
          <Spinner label="Confirming your payment" />
          Confirming your payment with the bank… your tickets appear here in a moment.
        </p>
      ) : payment.method === 'stripe' ? (
        <>
          {payment.status === 'failed' && (
            <Alert tone="info" title="Your last payment attempt failed">
              Nothing was charged. You can try again while your seats are held.
            </Alert>
          )}
          {payment.publishable_key ? (
            <CardPayment
              booking={booking}
              publishableKey={payment.publishable_key}
              onAuthenticated={onAuthenticated}
              onStale={onHoldEnd}
            />
          ) : (
            <Alert title="Card payment is not available">
              The organizer can no longer take card payments. Cancel this booking to free your
              seats, or contact the organizer.
            </Alert>
          )}
        </>
      ) : (
        <div className="flex flex-col gap-2 text-sm text-slate-700">
          <p>
            Pay {amount} as the organizer describes below, with{' '}
            <strong className="text-slate-900">booking #{booking.id}</strong> as the reference. Your
            tickets appear here once they confirm your payment; unpaid seats go back on sale after
            the deadline.
          </p>
          {payment.instructions ? (
            <div
              className="rounded-lg border border-slate-200 bg-white px-3 py-2 whitespace-pre-line text-slate-900"
              data-testid="payment-instructions"
            >
              {payment.instructions}
            </div>
          ) : (
            <p>The organizer has not written payment instructions; contact them to pay.</p>
          )}
        </div>
      )}
    </section>
  );
}
