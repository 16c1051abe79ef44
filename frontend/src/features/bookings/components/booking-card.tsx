import { useState } from 'react';
import { Link } from 'react-router';

import { calendarUrl } from '@/features/bookings/api/calendar-url';
import { useCancelBooking } from '@/features/bookings/api/cancel-booking';
import { useDownloadTicketsPdf } from '@/features/bookings/api/download-tickets-pdf';
import { useResendTickets } from '@/features/bookings/api/resend-tickets';
import { TicketQr } from '@/features/bookings/components/ticket-qr';
import { canCancel, isCurrent } from '@/features/bookings/utils/booking-state';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { buttonClasses } from '@/components/ui/button-classes';
import { paths } from '@/config/paths';
import { cn } from '@/lib/cn';
import { formatEventDateTime, formatEventRange } from '@/lib/event-time';
import { formatDateTime, formatPrice } from '@/lib/format';
import type { Booking, Ticket } from '@/types/api';

function TicketItem({
  ticket,
  voided,
  timeZone,
}: {
  ticket: Ticket;
  voided: boolean;
  timeZone: string;
}) {
  return (
    <li className="flex flex-col gap-3 rounded-lg border border-slate-200 p-2 sm:p-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="font-semibold">Ticket #{ticket.id}</p>
        {voided ? (
          <Badge tone="danger">Cancelled</Badge>
        ) : ticket.checked_in_at ? (
          <Badge tone="accent">Checked in</Badge>
        ) : (
          <Badge tone="success">Valid</Badge>
        )}
      </div>
      {ticket.checked_in_at && (
        <p className="text-sm text-slate-600">
          Checked in{' '}
          <time dateTime={ticket.checked_in_at}>
            {formatEventDateTime(ticket.checked_in_at, timeZone)}
          </time>
        </p>
      )}
      {voided ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-slate-50 px-3 py-6 text-center text-sm text-slate-600">
          Void: this ticket was cancelled and will not get you in.
        </p>
      ) : (
        <>
          <TicketQr ticket={ticket} />
          {/* Read out or typed in at the door when the QR code cannot be scanned. */}
          <p className="text-center text-sm text-slate-600">
            Backup code{' '}
            <span className="font-mono text-lg font-semibold tracking-widest text-slate-900">
              {ticket.backup_code}
            </span>
          </p>
        </>
      )}
    </li>
  );
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
  return (
    <div className="flex flex-col gap-3 rounded-lg border border-red-200 bg-red-50 p-3">
      {cancelMutation.error && <Alert>{cancelMutation.error.detail}</Alert>}
      <p className="text-sm text-red-900">
        Are you sure? Your {count === 1 ? 'ticket' : `${String(count)} tickets`} will stop working
        at the door. This cannot be undone.
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

export function BookingCard({
  booking,
  highlight = false,
}: {
  booking: Booking;
  highlight?: boolean;
}) {
  const event = booking.event_summary;
  const cancelled = booking.status === 'cancelled';
  const headingId = `booking-${String(booking.id)}-title`;

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
        {cancelled ? (
          <Badge tone="danger">Cancelled</Badge>
        ) : event.phase === 'ended' ? (
          <Badge tone="neutral">Ended</Badge>
        ) : event.phase === 'live' ? (
          <Badge tone="accent">Live now</Badge>
        ) : (
          <Badge tone="success">Confirmed</Badge>
        )}
      </header>

      {event.status === 'cancelled' ? (
        <Alert title="The organizer cancelled this event">
          Your tickets no longer get you in. Any payment is refunded; the organizer has e-mailed you
          the details.
        </Alert>
      ) : (
        cancelled &&
        (booking.cancelled_by === 'organizer' ? (
          <Alert title="The organizer cancelled this booking">
            Your tickets no longer get you in. Contact the organizer if you did not expect this.
          </Alert>
        ) : (
          <p className="text-sm text-slate-600">You cancelled this booking.</p>
        ))
      )}

      <dl className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-3">
        <div>
          <dt className="text-slate-500">Tickets</dt>
          <dd className="font-medium">{booking.quantity}</dd>
        </div>
        <div>
          <dt className="text-slate-500">Total</dt>
          <dd className="font-medium">{formatPrice(booking.total_amount, booking.currency)}</dd>
        </div>
        <div>
          <dt className="text-slate-500">Booked</dt>
          <dd className="font-medium">
            <time dateTime={booking.created_at}>{formatDateTime(booking.created_at)}</time>
          </dd>
        </div>
        {booking.cancelled_at && (
          <div>
            <dt className="text-slate-500">Cancelled</dt>
            <dd className="font-medium">
              <time dateTime={booking.cancelled_at}>{formatDateTime(booking.cancelled_at)}</time>
            </dd>
          </div>
        )}
      </dl>

      <ul className="grid gap-3 sm:grid-cols-2" aria-label="Tickets">
        {booking.tickets.map((ticket) => (
          <TicketItem
            key={ticket.id}
            ticket={ticket}
            voided={cancelled || ticket.status === 'cancelled'}
            timeZone={event.timezone}
          />
        ))}
      </ul>

      {isCurrent(booking) && <TicketActions booking={booking} />}
      {canCancel(booking) && <CancelBooking booking={booking} />}
    </article>
  );
}
