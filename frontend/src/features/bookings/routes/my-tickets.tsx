import { Link, useLocation } from 'react-router';

import { useAllBookings } from '@/features/bookings/api/get-bookings';
import { BookingCard } from '@/features/bookings/components/booking-card';
import { useReceivedTickets } from '@/features/bookings/api/get-received-tickets';
import { ReceivedTickets } from '@/features/bookings/components/received-tickets';
import type { BookedState } from '@/features/bookings/components/booking-panel';
import { splitBookings } from '@/features/bookings/utils/booking-state';
import { Alert } from '@/components/ui/alert';
import { Spinner } from '@/components/ui/spinner';
import { LoadFailed } from '@/components/ui/load-failed';
import { paths } from '@/config/paths';
import { formatLocalDateTime } from '@/lib/event-time';
import { useDocumentTitle } from '@/lib/use-document-title';
import type { Booking } from '@/types/api';

function bookedIdFrom(state: unknown): number | null {
  if (typeof state !== 'object' || state === null || !('bookedId' in state)) return null;
  const { bookedId } = state as Partial<BookedState>;
  return typeof bookedId === 'number' ? bookedId : null;
}

function BookingList({
  bookings,
  bookedId,
  label,
}: {
  bookings: Booking[];
  bookedId: number | null;
  label: string;
}) {
  return (
    <ul className="flex flex-col gap-4" aria-label={label}>
      {bookings.map((booking) => (
        <li key={booking.id}>
          <BookingCard booking={booking} highlight={booking.id === bookedId} linkToPayment />
        </li>
      ))}
    </ul>
  );
}

/**
 * The attendee's tickets as they need them at the door: what is coming up first, soonest on
 * top; past and cancelled bookings folded away below.
 */
export function MyTicketsRoute() {
  useDocumentTitle('My tickets');
  const location = useLocation();
  const bookedId = bookedIdFrom(location.state);
  const bookingsQuery = useAllBookings();
  const data = bookingsQuery.data;
  const { current, past } = splitBookings(data?.results ?? []);
  // Tickets someone transferred to this user (their bookings are the senders').
  const receivedCount = useReceivedTickets().data?.length ?? 0;

  return (
    <section className="flex flex-col gap-5">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-semibold tracking-tight">My tickets</h1>
        <Link
          to={paths.waitingList}
          className="inline-flex min-h-11 items-center text-sm font-medium text-indigo-700 hover:underline"
        >
          My waiting list
        </Link>
      </div>
      {bookedId !== null && (
        <Alert tone="success" title="Booking confirmed">
          Your tickets are below. Show each QR code at the door, one per person.
        </Alert>
      )}
      {data?.offlineSince && (
        <p
          role="status"
          data-testid="offline-copy"
          className="rounded-lg border border-amber-300 bg-amber-50 px-4 py-2 text-sm font-medium text-amber-900"
        >
          Offline: your tickets as this device last saw them (
          {formatLocalDateTime(data.offlineSince)}). Each QR code still works at the door.
        </p>
      )}
      {bookingsQuery.isPending ? (
        <div className="flex justify-center py-12">
          <Spinner label="Loading your tickets" />
        </div>
      ) : bookingsQuery.isError ? (
        <LoadFailed
          title="Your tickets could not be loaded"
          detail={bookingsQuery.error.detail}
          onRetry={() => {
            void bookingsQuery.refetch();
          }}
        />
      ) : (
        <>
          <ReceivedTickets />
          {current.length > 0 ? (
            <BookingList bookings={current} bookedId={bookedId} label="Upcoming tickets" />
          ) : receivedCount > 0 ? null : (
            <div className="rounded-xl border border-dashed border-slate-300 bg-white px-4 py-12 text-center">
              <p className="font-medium">
                {past.length > 0 ? 'You have no upcoming tickets.' : 'You have no tickets yet.'}
              </p>
              <Link
                to={paths.home}
                className="mt-2 inline-flex min-h-11 items-center font-medium text-indigo-700 hover:underline"
              >
                Browse events
              </Link>
            </div>
          )}
          {past.length > 0 && (
            <details className="group rounded-xl border border-slate-200 bg-white">
              <summary className="flex min-h-11 cursor-pointer items-center justify-between gap-2 px-4 py-3 font-medium text-slate-800">
                Past and cancelled ({past.length})
                <span
                  aria-hidden
                  className="text-slate-500 transition-transform group-open:rotate-180"
                >
                  ▾
                </span>
              </summary>
              <div className="border-t border-slate-200 p-3 sm:p-4">
                <BookingList
                  bookings={past}
                  bookedId={bookedId}
                  label="Past and cancelled tickets"
                />
              </div>
            </details>
          )}
        </>
      )}
    </section>
  );
}
