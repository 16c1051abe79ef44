import type { Booking } from '@/types/api';

/** Whether the booking's event is over (its end has passed), read at call time. */
export function eventEnded(booking: Booking, now = Date.now()): boolean {
  return new Date(booking.event_summary.ends_at).getTime() <= now;
}

/** A booking that holds no seats any more: cancelled, or its payment hold ended unpaid. */
export function isEnded(booking: Booking): boolean {
  return booking.status === 'cancelled' || booking.status === 'expired';
}

/**
 * Whether the booking still counts: not cancelled or expired, event neither over nor called
 * off (a booking awaiting payment counts: it is still to be paid).
 */
export function isCurrent(booking: Booking, now = Date.now()): boolean {
  return (
    !isEnded(booking) && booking.event_summary.status !== 'cancelled' && !eventEnded(booking, now)
  );
}

/**
 * My tickets' two piles: what is still to come, soonest first (tonight's show on top, an event
 * already under way before it), and the rest (past or cancelled), most recent first.
 */
export function splitBookings(
  bookings: readonly Booking[],
  now = Date.now(),
): { current: Booking[]; past: Booking[] } {
  const start = (b: Booking) => new Date(b.event_summary.starts_at).getTime();
  const current = bookings.filter((b) => isCurrent(b, now)).sort((a, b) => start(a) - start(b));
  const past = bookings.filter((b) => !isCurrent(b, now)).sort((a, b) => start(b) - start(a));
  return { current, past };
}

/**
 * Whether the attendee may still cancel: a booking (confirmed or awaiting payment) none of
 * whose tickets has been used, before the event's cancellation deadline (its start unless the
 * organizer set another). The server decides; this only hides a button it would refuse.
 */
export function canCancel(booking: Booking, now = Date.now()): boolean {
  const until = booking.event_summary.attendee_cancel_until ?? booking.event_summary.starts_at;
  return (
    !isEnded(booking) &&
    booking.event_summary.status !== 'cancelled' &&
    booking.tickets.every((ticket) => ticket.checked_in_at === null) &&
    new Date(until).getTime() > now
  );
}

/** Valid (not voided) tickets of an active booking. */
export function validTicketCount(booking: Booking): number {
  if (isEnded(booking)) return 0;
  return booking.tickets.filter((ticket) => ticket.status !== 'cancelled').length;
}
