import { useBookingPayment } from '@/features/dashboard/api/get-booking-payment';
import { useMarkBookingPaid } from '@/features/dashboard/api/mark-booking-paid';
import { useMarkBookingRefunded } from '@/features/dashboard/api/mark-booking-refunded';
import { formatMoney } from '@/features/dashboard/utils/format';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Spinner } from '@/components/ui/spinner';
import { formatEventDateTime } from '@/lib/event-time';
import type { Booking, PaymentStatus } from '@/types/api';

const STATUS_TEXT: Record<PaymentStatus, string> = {
  not_required: 'Free: nothing to pay',
  pending: 'Awaiting payment',
  paid: 'Paid',
  failed: 'Last card attempt failed',
  refund_pending: 'Refund pending: pay it back, then mark it refunded',
  refunded: 'Refunded',
};

/** The state in words, from the booking's status first: called off unpaid is no failure. */
function stateText(booking: Booking): string {
  const status = booking.payment.status;
  const unpaid = status === 'pending' || status === 'failed';
  if (booking.status === 'expired' && unpaid) return 'Expired unpaid';
  if (booking.status === 'cancelled' && unpaid) return 'Cancelled before payment';
  return STATUS_TEXT[status];
}

function PaymentFacts({ booking }: { booking: Booking }) {
  const payment = booking.payment;
  // Times about the event's bookings are read in the event's zone.
  const timeZone = booking.event_summary.timezone;
  const method =
    payment.method === 'stripe'
      ? 'card (Stripe)'
      : payment.method === 'manual'
        ? 'bank transfer or box office'
        : 'none';
  return (
    <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-2">
      <div>
        <dt className="inline text-slate-500">Amount: </dt>
        <dd className="inline font-medium">{formatMoney(payment.amount, payment.currency)}</dd>
      </div>
      <div>
        <dt className="inline text-slate-500">Method: </dt>
        <dd className="inline font-medium">{method}</dd>
      </div>
      <div className="sm:col-span-2">
        <dt className="inline text-slate-500">State: </dt>
        <dd className="inline font-medium" data-testid="booking-payment-status">
          {stateText(booking)}
        </dd>
      </div>
      {booking.status === 'pending_payment' && booking.expires_at && (
        <div className="sm:col-span-2">
          <dt className="inline text-slate-500">Held until: </dt>
          <dd className="inline font-medium">
            <time dateTime={booking.expires_at}>
              {formatEventDateTime(booking.expires_at, timeZone)}
            </time>
          </dd>
        </div>
      )}
      {payment.paid_at && (
        <div className="sm:col-span-2">
          <dt className="inline text-slate-500">Paid: </dt>
          <dd className="inline font-medium">
            <time dateTime={payment.paid_at}>{formatEventDateTime(payment.paid_at, timeZone)}</time>
          </dd>
        </div>
      )}
      {Number(payment.refunded_amount) > 0 && (
        <div className="sm:col-span-2">
          <dt className="inline text-slate-500">Refunded: </dt>
          <dd className="inline font-medium">
            {formatMoney(payment.refunded_amount, payment.currency)}
          </dd>
        </div>
      )}
    </dl>
  );
}

/**
 * The payment of one booking, for its organizer: what was paid and how, and for a manual
 * payment the two things only the organizer can tell the system: paid, and refunded.
 */
export function BookingPayment({ bookingId, eventId }: { bookingId: number; eventId: number }) {
  const bookingQuery = useBookingPayment(bookingId);
  const markPaid = useMarkBookingPaid(eventId);
  const markRefunded = useMarkBookingRefunded();
  const error = markPaid.error ?? markRefunded.error;
  const booking = bookingQuery.data;

  if (!booking) {
    return bookingQuery.isError ? (
      <Alert title="The booking could not be loaded">{bookingQuery.error.detail}</Alert>
    ) : (
      <Spinner label="Loading the booking" />
    );
  }
  const manual = booking.payment.method === 'manual';
  const canMarkPaid = manual && booking.status === 'pending_payment';
  const canMarkRefunded = manual && booking.payment.status === 'refund_pending';

  return (
    <div
      className="flex flex-col gap-2 rounded-lg border border-slate-200 bg-slate-50 p-3"
      data-testid="booking-payment"
    >
      {error && <Alert>{error.detail}</Alert>}
      <PaymentFacts booking={booking} />
      {(canMarkPaid || canMarkRefunded) && (
        <div className="flex flex-wrap gap-2">
          {canMarkPaid && (
            <Button
              disabled={markPaid.isPending}
              onClick={() => {
                markPaid.mutate(booking.id);
              }}
            >
              {markPaid.isPending ? 'Marking paid…' : `Mark booking #${String(booking.id)} paid`}
            </Button>
          )}
          {canMarkRefunded && (
            <Button
              variant="secondary"
              disabled={markRefunded.isPending}
              onClick={() => {
                markRefunded.mutate(booking.id);
              }}
            >
              {markRefunded.isPending
                ? 'Marking refunded…'
                : `Mark booking #${String(booking.id)} refunded`}
            </Button>
          )}
        </div>
      )}
    </div>
  );
}
