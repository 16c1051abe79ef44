import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';

import { calendarUrl } from '@/features/bookings/api/calendar-url';
import { useCancelBooking } from '@/features/bookings/api/cancel-booking';
import { useDownloadTicketsPdf } from '@/features/bookings/api/download-tickets-pdf';
import { useResendTickets } from '@/features/bookings/api/resend-tickets';
import { HoldCountdown } from '@/features/bookings/components/hold-countdown';
import { TicketItem } from '@/features/bookings/components/ticket-item';
import { canCancel, isCurrent } from '@/features/bookings/utils/booking-state';
import { Alert } from '@/components/ui/alert';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { buttonClasses } from '@/components/ui/button-classes';
import { paths } from '@/config/paths';
import { cn } from '@/lib/cn';
import { phaseLabel } from '@/lib/event-phase';
import { isPast } from '@/lib/datetime';
import { formatEventRange, formatLocalDateTime } from '@/lib/event-time';
import { formatPrice } from '@/lib/format';
import type { Booking, PaymentStatus } from '@/types/api';

/** What cancelling does to the money already paid, in the buyer's words. */
function moneyOnCancel(booking: Booking): string {
  const payment = booking.payment;
  if (payment.status !== 'paid') return '';
  const amount = formatPrice(payment.amount, payment.currency);
  return payment.method === 'stripe'
    ? `${amount} will be refunded to your card; it can take a few days to show.`
    : `The organizer refunds ${amount} the way you paid; it shows as refund pending until they do.`;
}

function CancelBooking({ booking }: { booking: Booking }) {
  const [confirming, setConfirming] = useState(false);
  const cancelMutation = useCancelBooking();

  if (!confirming) {
    return (
      <Button
        variant="secondary"
        className="self-start"
        onClick={() => {
          setConfirming(true);
        }}
      >
        Cancel booking
      </Button>
    );
  }
  const count = booking.tickets.length;
  const tickets = count === 1 ? 'ticket' : `${String(count)} tickets`;
  return (
    <div className="flex flex-col gap-3 rounded-lg border border-red-200 bg-red-50 p-3">
      {cancelMutation.error && (
        <Alert
          title={
            cancelMutation.error.code === 'cancel_closed'
              ? 'This booking can no longer be cancelled online'
              : undefined
          }
        >
          {cancelMutation.error.code === 'cancel_closed'
            ? 'The deadline for cancelling has passed. Contact the organizer if you cannot come.'
            : cancelMutation.error.detail}
        </Alert>
      )}
      <p className="text-sm text-red-900">
        {booking.status === 'pending_payment'
          ? `Are you sure? Your held seats go back on sale and nothing is charged.`
          : `Are you sure? Your ${tickets} will stop working at the door. This cannot be undone.`}{' '}
        {moneyOnCancel(booking)}
      </p>
      <div className="flex flex-wrap gap-2">
        <Button
          className="bg-red-600 hover:bg-red-700 disabled:bg-red-300"
          disabled={cancelMutation.isPending}
          onClick={() => {
            cancelMutation.mutate(booking.id, {
              onSuccess: () => {
                setConfirming(false);
              },
            });
          }}
        >
          {cancelMutation.isPending ? 'Cancelling…' : 'Yes, cancel'}
        </Button>
        <Button
          variant="ghost"
          disabled={cancelMutation.isPending}
          onClick={() => {
            setConfirming(false);
            cancelMutation.reset();
          }}
        >
          Keep booking
        </Button>
      </div>
    </div>
  );
}

function TicketActions({ booking }: { booking: Booking }) {
  const pdfMutation = useDownloadTicketsPdf();
  const resendMutation = useResendTickets();
  const error = pdfMutation.error ?? resendMutation.error;
  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap gap-2">
        <Button
          variant="secondary"
          disabled={pdfMutation.isPending}
          onClick={() => {
            resendMutation.reset();
            pdfMutation.mutate(booking.id);
          }}
        >
          {pdfMutation.isPending ? 'Preparing PDF…' : 'Download PDF'}
        </Button>
        <a href={calendarUrl(booking.event)} download className={buttonClasses('secondary')}>
          Add to calendar
        </a>
        <Button
          variant="ghost"
          disabled={resendMutation.isPending}
          onClick={() => {
            pdfMutation.reset();
            resendMutation.mutate(booking.id);
          }}
        >
          {resendMutation.isPending ? 'Sending…' : 'E-mail my tickets again'}
        </Button>
      </div>
      {resendMutation.isSuccess && (
        <Alert tone="success">We are sending your tickets to your e-mail address again.</Alert>
      )}
      {error && <Alert>{error.detail}</Alert>}
    </div>
  );
}

/** The booking's state in one badge: its own status first, then where its event stands. */
function statusBadge(booking: Booking): { label: string; tone: BadgeTone } {
  const phase = booking.event_summary.phase;
  switch (booking.status) {
    case 'cancelled':
      return { label: 'Cancelled', tone: 'danger' };
    case 'expired':
      return { label: 'Expired', tone: 'neutral' };
    case 'pending_payment':
      return { label: 'Awaiting payment', tone: 'warning' };
    default:
      if (phase === 'ended') return { label: 'Ended', tone: 'neutral' };
      if (phase === 'live') {
        return { label: phaseLabel(phase, booking.event_summary.starts_at), tone: 'accent' };
      }
      return { label: 'Confirmed', tone: 'success' };
  }
}

/** The money side of a booking in one line: what was paid, is owed or came back. */
function MoneyState({ booking }: { booking: Booking }) {
  const payment = booking.payment;
  if (payment.status === 'not_required') return null;
  const amount = formatPrice(payment.amount, payment.currency);
  const refunded = formatPrice(payment.refunded_amount, payment.currency);
  const by = payment.method === 'stripe' ? 'by card' : 'by bank transfer or at the box office';
  let text: ReactNode;
  let tone: BadgeTone = 'neutral';
  switch (payment.status) {
    case 'pending':
      if (booking.status === 'expired') {
        text = `The hold ended before payment: nothing was charged and the seats went back on sale.`;
      } else if (booking.status === 'cancelled') {
        text = `Cancelled before payment: nothing was charged.`;
      } else {
        tone = 'warning';
        // The deadline is said once, by the hold countdown next to how to pay.
        text = `${amount} to pay ${by}.`;
      }
      break;
    case 'failed':
      tone = booking.status === 'pending_payment' ? 'warning' : 'neutral';
      text =
        booking.status === 'pending_payment'
          ? `The last payment attempt failed; nothing was charged. You can try again while your seats are held.`
          : booking.status === 'cancelled'
            ? `Cancelled before payment: nothing was charged.`
            : `Payment failed; nothing was charged.`;
      break;
    case 'paid':
      tone = 'success';
      text = (
        <>
          Paid {amount} {by}
          {payment.paid_at && (
            <>
              {' '}
              on <time dateTime={payment.paid_at}>{formatLocalDateTime(payment.paid_at)}</time>
            </>
          )}
          .
        </>
      );
      break;
    case 'refund_pending':
      tone = 'warning';
      text = `Refund pending: the organizer will refund ${amount} the way you paid.`;
      break;
    case 'refunded':
      tone = 'success';
      text = `Refunded ${refunded}${payment.method === 'stripe' ? ' to your card' : ''}.`;
      break;
    default:
      return null;
  }
  return (
    <p
      className="flex flex-wrap items-center gap-2 text-sm text-slate-700"
      data-testid="money-state"
    >
      <Badge tone={tone}>{moneyLabel(booking)}</Badge>
      <span>{text}</span>
    </p>
  );
}

/**
 * The money badge, read from the booking's status first: a booking cancelled or expired
 * before it was paid was never charged, whatever the payment record says ("failed" is what
 * the server may set when a manual payment is called off).
 */
function moneyLabel(booking: Booking): string {
  const status = booking.payment.status;
  const unpaid = status === 'pending' || status === 'failed';
  if (booking.status === 'cancelled' && unpaid) return 'Cancelled';
  if (booking.status === 'expired' && unpaid) return 'Not charged';
  return PAYMENT_STATUS_LABELS[status];
}

const PAYMENT_STATUS_LABELS: Record<PaymentStatus, string> = {
  not_required: 'Free',
  pending: 'Payment pending',
  paid: 'Paid',
  failed: 'Payment failed',
  refund_pending: 'Refund pending',
  refunded: 'Refunded',
};

/** Why a cancelled booking's tickets no longer work, said once above its facts. */
function CancelledNotice({ booking }: { booking: Booking }) {
  if (booking.event_summary.status === 'cancelled') {
    return (
      <Alert title="The organizer cancelled this event">
        Your tickets no longer get you in. Anything you paid is refunded; you get an e-mail when the
        refund is on its way.
      </Alert>
    );
  }
  if (booking.status !== 'cancelled') return null;
  return booking.cancelled_by === 'organizer' ? (
    <Alert title="The organizer cancelled this booking">
      Your tickets no longer get you in. Contact the organizer if you did not expect this.
    </Alert>
  ) : (
    <p className="text-sm text-slate-600">You cancelled this booking.</p>
  );
}

/** What was booked, for how much, and when. */
function BookingFacts({ booking }: { booking: Booking }) {
  return (
    <dl className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-3">
      <div>
        <dt className="text-slate-500">Tickets</dt>
        <dd className="font-medium">
          {booking.items.length > 1
            ? booking.items.map((item) => `${String(item.quantity)} × ${item.name}`).join(', ')
            : booking.quantity}
        </dd>
      </div>
      <div>
        <dt className="text-slate-500">Total</dt>
        <dd className="font-medium">{formatPrice(booking.total_amount, booking.currency)}</dd>
      </div>
      {booking.discount && (
        <div data-testid="booking-discount">
          <dt className="text-slate-500">Code {booking.discount.code}</dt>
          <dd className="font-medium">
            {Number(booking.discount.amount) > 0
              ? `−${formatPrice(booking.discount.amount, booking.currency)}`
              : 'Applied'}
          </dd>
        </div>
      )}
      <div>
        <dt className="text-slate-500">Booked</dt>
        <dd className="font-medium">
          <time dateTime={booking.created_at}>{formatLocalDateTime(booking.created_at)}</time>
        </dd>
      </div>
      {booking.cancelled_at && (
        <div>
          <dt className="text-slate-500">Cancelled</dt>
          <dd className="font-medium">
            <time dateTime={booking.cancelled_at}>{formatLocalDateTime(booking.cancelled_at)}</time>
          </dd>
        </div>
      )}
    </dl>
  );
}

export function BookingCard({
  booking,
  highlight = false,
  linkToPayment = false,
  children,
}: {
  booking: Booking;
  highlight?: boolean;
  /** In a list: link a pending booking to its payment page. */
  linkToPayment?: boolean;
  /** Shown between the booking's facts and its tickets (the payment form). */
  children?: ReactNode;
}) {
  const event = booking.event_summary;
  const ended = booking.status === 'cancelled' || booking.status === 'expired';
  const headingId = `booking-${String(booking.id)}-title`;
  const badge = statusBadge(booking);

  return (
    <article
      aria-labelledby={headingId}
      className={cn(
        'flex flex-col gap-4 rounded-xl border bg-white p-4 shadow-sm sm:p-6',
        highlight ? 'border-indigo-400 ring-2 ring-indigo-200' : 'border-slate-200',
      )}
    >
      <header className="flex items-start justify-between gap-3">
        <div className="min-w-0">
          <h2 id={headingId} className="text-lg leading-snug font-semibold">
            <Link
              to={paths.eventDetail(event.id)}
              className="hover:text-indigo-700 hover:underline"
            >
              {event.title}
            </Link>
          </h2>
          <p className="text-sm text-slate-600">
            <time dateTime={event.starts_at}>
              {formatEventRange(event.starts_at, event.ends_at, event.timezone)}
            </time>
          </p>
          <p className="text-sm text-slate-600">
            {event.venue}
            {event.venue_address && `, ${event.venue_address}`}
          </p>
        </div>
        <div className="flex shrink-0 flex-col items-end gap-1">
          <Badge tone={badge.tone}>{badge.label}</Badge>
          {/* The reference for a bank transfer, and what the organizer finds it by. */}
          <p className="text-base font-semibold text-slate-900" data-testid="booking-number">
            Booking #{booking.id}
          </p>
        </div>
      </header>

      <CancelledNotice booking={booking} />

      <BookingFacts booking={booking} />

      <MoneyState booking={booking} />

      {linkToPayment && booking.status === 'pending_payment' && booking.expires_at && (
        <HoldCountdown expiresAt={booking.expires_at} timeZone={event.timezone} />
      )}
      {linkToPayment && booking.status === 'pending_payment' && (
        <Link to={paths.booking(booking.id)} className={buttonClasses('primary', 'self-start')}>
          {booking.payment.method === 'manual' ? 'How to pay' : 'Pay now'}
        </Link>
      )}

      {children}

      {booking.status !== 'expired' && (
        <ul className="grid gap-3 sm:grid-cols-2" aria-label="Tickets">
          {booking.tickets.map((ticket) => (
            <TicketItem
              key={ticket.id}
              ticket={ticket}
              voided={ended || ticket.status === 'cancelled'}
              timeZone={event.timezone}
              eventId={booking.event}
              editable={!ended && !isPast(event.starts_at)}
              transfersUntil={ended ? null : event.transfers_until}
            />
          ))}
        </ul>
      )}

      {booking.status === 'confirmed' && isCurrent(booking) && <TicketActions booking={booking} />}
      {canCancel(booking) && <CancelBooking booking={booking} />}
    </article>
  );
}
