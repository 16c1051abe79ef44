import { useRef, useState, type ReactNode, type SubmitEvent } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';

import { useCreateBooking } from '@/features/bookings/api/create-booking';
import { useAllBookings } from '@/features/bookings/api/get-bookings';
import { validTicketCount } from '@/features/bookings/utils/booking-state';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { buttonClasses } from '@/components/ui/button-classes';
import { SelectField } from '@/components/ui/select-field';
import { paths } from '@/config/paths';
import { useAuth } from '@/lib/auth/context';
import { NETWORK_ERROR, formAlertMessage, toApiError, type ApiError } from '@/lib/errors';
import { formatPrice } from '@/lib/format';
import { randomUuid } from '@/lib/uuid';
import type { Booking, Event } from '@/types/api';

/** Location state that My tickets reads to greet a fresh booking. */
export interface BookedState {
  bookedId: number;
}

const linkClass = 'font-semibold underline underline-offset-2';

/** Total of `quantity` tickets at a decimal-string price, computed in cents. */
function totalFor(price: string, quantity: number): string {
  const cents = Math.round(Number(price) * 100) * quantity;
  return (cents / 100).toFixed(2);
}

/** Whether the outcome of a failed attempt is unknown, so a retry must reuse its key. */
function outcomeUnknown(error: ApiError): boolean {
  return error.code === NETWORK_ERROR || error.status >= 500;
}

function BookingErrorAlert({ error, next }: { error: ApiError; next: string }) {
  let title: string | undefined;
  let body: ReactNode;
  switch (error.code) {
    case 'sold_out':
      title = 'Sold out';
      body = 'All tickets for this event are gone.';
      break;
    case 'capacity_exceeded':
      title = 'Not enough tickets left';
      // The server's detail says how many are left; availability above is refreshed.
      body = `${error.detail} Choose fewer tickets and try again.`;
      break;
    case 'duplicate_booking':
      title = 'You already have tickets for this event';
      body = (
        <>
          See them in{' '}
          <Link to={paths.myTickets} className={linkClass}>
            My tickets
          </Link>
          .
        </>
      );
      break;
    case 'event_not_bookable':
      title = 'This event cannot be booked';
      body = 'It has ended, been cancelled, or is not open for booking.';
      break;
    case 'permission_denied':
      body = 'Only attendee accounts can book tickets.';
      break;
    case NETWORK_ERROR:
      title = 'Your booking was not confirmed';
      body =
        'We could not reach the server. Press “Book tickets” again: if the first try went through, you will not be booked twice.';
      break;
    default:
      if (error.status === 401) {
        body = (
          <>
            Your session has expired.{' '}
            <Link to={paths.loginWithNext(next)} className={linkClass}>
              Sign in again
            </Link>{' '}
            to book.
          </>
        );
      } else {
        body = formAlertMessage(error, ['quantity']);
      }
  }
  if (!body) return null;
  return <Alert title={title}>{body}</Alert>;
}

function BookingForm({ event }: { event: Event }) {
  const navigate = useNavigate();
  const location = useLocation();
  const bookingMutation = useCreateBooking();
  const [quantity, setQuantity] = useState(1);
  // The key of the last attempt whose outcome is unknown (network error, 5xx).
  const pendingAttempt = useRef<{ quantity: number; key: string } | null>(null);

  const maxQuantity = Math.max(1, Math.min(event.max_per_booking, event.tickets_available));
  // Availability may drop after a refetch: never offer more than is left.
  const chosen = Math.min(quantity, maxQuantity);
  const error = bookingMutation.error;

  function handleSubmit(formEvent: SubmitEvent<HTMLFormElement>) {
    formEvent.preventDefault();
    const previous = pendingAttempt.current;
    const key = previous?.quantity === chosen ? previous.key : randomUuid();
    pendingAttempt.current = { quantity: chosen, key };
    // mutateAsync, not mutate's callbacks: once booked, the panel may already show "You have
    // N tickets" instead of this form (its query refetched), and an unmounted form's
    // callbacks never run; the navigation must happen anyway.
    bookingMutation.mutateAsync({ event: event.id, quantity: chosen, idempotencyKey: key }).then(
      (booking) => {
        pendingAttempt.current = null;
        void navigate(paths.myTickets, { state: { bookedId: booking.id } satisfies BookedState });
      },
      (failure: unknown) => {
        if (!outcomeUnknown(toApiError(failure))) pendingAttempt.current = null;
      },
    );
  }

  return (
    <form onSubmit={handleSubmit} noValidate className="flex flex-col gap-4">
      {error && <BookingErrorAlert error={error} next={location.pathname} />}
      <div className="flex flex-wrap items-end gap-4">
        <SelectField
          label="Quantity"
          name="quantity"
          className="w-32"
          value={chosen}
          onChange={(e) => {
            setQuantity(Number(e.target.value));
          }}
          error={error?.fieldError('quantity')}
          hint={`Up to ${String(maxQuantity)} per booking`}
        >
          {Array.from({ length: maxQuantity }, (_, i) => i + 1).map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </SelectField>
        <p className="min-h-11 content-center text-base">
          <span className="text-slate-600">Total: </span>
          <output className="font-semibold text-slate-900" aria-live="polite">
            {formatPrice(totalFor(event.price, chosen), event.currency)}
          </output>
        </p>
      </div>
      <Button type="submit" className="sm:self-start" disabled={bookingMutation.isPending}>
        {bookingMutation.isPending ? 'Booking…' : 'Book tickets'}
      </Button>
    </form>
  );
}

function Notice({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-slate-50 px-4 py-3">
      <p className="font-semibold text-slate-900">{title}</p>
      {children && <div className="mt-1 text-sm text-slate-600">{children}</div>}
    </div>
  );
}

/** The signed-in attendee's standing booking for this event, if any. */
function useBookingFor(event: Event, enabled: boolean): { booking?: Booking; pending: boolean } {
  const bookingsQuery = useAllBookings({ enabled });
  const booking = bookingsQuery.data?.find((b) => b.event === event.id && validTicketCount(b) > 0);
  return { booking, pending: enabled && bookingsQuery.isPending };
}

function YourTickets({ booking }: { booking: Booking }) {
  const count = validTicketCount(booking);
  return (
    <div className="flex flex-col gap-3 rounded-lg border border-emerald-200 bg-emerald-50 px-4 py-3">
      <p className="font-semibold text-emerald-900">
        You have {count} {count === 1 ? 'ticket' : 'tickets'} for this event
      </p>
      <Link to={paths.myTickets} className={buttonClasses('primary', 'self-start')}>
        Show my tickets
      </Link>
    </div>
  );
}

/** What the event page offers for booking: the form, the tickets you hold, or why neither. */
export function BookingPanel({ event }: { event: Event }) {
  const { user } = useAuth();
  const location = useLocation();
  const isAttendee = user?.role === 'attendee';
  const mayHold =
    isAttendee &&
    (event.phase === 'on_sale' || event.phase === 'sold_out' || event.phase === 'live');
  const { booking, pending } = useBookingFor(event, mayHold);

  let content: ReactNode;
  if (event.phase === 'cancelled') {
    content = <Notice title="This event has been cancelled">It can no longer be booked.</Notice>;
  } else if (event.phase === 'draft') {
    content = <Notice title="Not open for booking">This event has not been published yet.</Notice>;
  } else if (event.phase === 'ended') {
    content = <Notice title="This event has ended" />;
  } else if (pending) {
    content = <p className="text-sm text-slate-600">Checking your tickets…</p>;
  } else if (booking) {
    content = <YourTickets booking={booking} />;
  } else if (event.phase === 'sold_out' || event.tickets_available <= 0) {
    content = <Notice title="Sold out">There are no tickets left for this event.</Notice>;
  } else if (!user) {
    content = (
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <Link
          to={paths.loginWithNext(location.pathname)}
          className={buttonClasses('primary', 'self-start')}
        >
          Sign in to book
        </Link>
        <Link
          to={paths.registerWithNext(location.pathname)}
          className="inline-flex min-h-11 items-center text-sm font-medium text-indigo-700 hover:underline"
        >
          New here? Create an account
        </Link>
      </div>
    );
  } else if (!isAttendee) {
    content = (
      <Notice title="Booking is for attendees">
        You are signed in as an organizer. Use an attendee account to book tickets.
      </Notice>
    );
  } else {
    content = <BookingForm event={event} />;
  }

  return (
    <section aria-labelledby="booking-heading" className="flex flex-col gap-3">
      <h2 id="booking-heading" className="text-lg font-semibold">
        Tickets
      </h2>
      {content}
    </section>
  );
}
