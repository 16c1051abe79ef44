import type { Booking } from '@/types/api';

/** Whether the booking's event is over (its end has passed), read at call time. */
export function eventEnded(booking: Booking, now = Date.now()): boolean {
  return new Date(booking.event_summary.ends_at).getTime() <= now;
}

/** Whether the booking still gets someone in: not cancelled, event neither over nor called off. */
export function isCurrent(booking: Booking, now = Date.now()): boolean {
  return (
    booking.status !== 'cancelled' &&
    booking.event_summary.status !== 'cancelled' &&
    !eventEnded(booking, now)
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
 * Whether the attendee may still cancel: a confirmed booking none of whose tickets has been
 * used, before the event starts. The server decides; this only hides a button it would refuse.
 */
export function canCancel(booking: Booking, now = Date.now()): boolean {
  return (
    booking.status !== 'cancelled' &&
    booking.event_summary.status !== 'cancelled' &&
    booking.tickets.every((ticket) => ticket.checked_in_at === null) &&
    new Date(booking.event_summary.starts_at).getTime() > now
  );
}

/** Valid (not voided) tickets of an active booking. */
export function validTicketCount(booking: Booking): number {
  if (booking.status === 'cancelled') return 0;
  return booking.tickets.filter((ticket) => ticket.status !== 'cancelled').length;
}
