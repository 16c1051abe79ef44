import { Link, useLocation, useSearchParams } from 'react-router';

import { useBookings } from '@/features/bookings/api/get-bookings';
import { BookingCard } from '@/features/bookings/components/booking-card';
import type { BookedState } from '@/features/bookings/components/booking-panel';
import { Alert } from '@/components/ui/alert';
import { Pagination } from '@/components/ui/pagination';
import { Spinner } from '@/components/ui/spinner';
import { LoadFailed } from '@/components/ui/load-failed';
import { paths } from '@/config/paths';
import { formatDateTime } from '@/lib/format';
import { useDocumentTitle } from '@/lib/use-document-title';

function bookedIdFrom(state: unknown): number | null {
  if (typeof state !== 'object' || state === null || !('bookedId' in state)) return null;
  const { bookedId } = state as Partial<BookedState>;
  return typeof bookedId === 'number' ? bookedId : null;
}

export function MyTicketsRoute() {
  useDocumentTitle('My tickets');
  const location = useLocation();
  const bookedId = bookedIdFrom(location.state);
  const [searchParams, setSearchParams] = useSearchParams();
  const pageParam = Number(searchParams.get('page'));
  const page = Number.isInteger(pageParam) && pageParam > 0 ? pageParam : 1;
  const bookingsQuery = useBookings({ page });
  const data = bookingsQuery.data;

  return (
    <section className="flex flex-col gap-5">
      <h1 className="text-2xl font-semibold tracking-tight">My tickets</h1>
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
          Offline: your tickets as this device last saw them ({formatDateTime(data.offlineSince)}).
          Each QR code still works at the door.
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
      ) : data && data.results.length === 0 ? (
        <div className="rounded-xl border border-dashed border-slate-300 bg-white px-4 py-12 text-center">
          <p className="font-medium">You have no tickets yet.</p>
          <Link
            to={paths.home}
            className="mt-2 inline-flex min-h-11 items-center font-medium text-indigo-700 hover:underline"
          >
            Browse events
          </Link>
        </div>
      ) : (
        data && (
          <>
            <ul className="flex flex-col gap-4" aria-busy={bookingsQuery.isPlaceholderData}>
              {data.results.map((booking) => (
                <li key={booking.id}>
                  <BookingCard booking={booking} highlight={booking.id === bookedId} />
                </li>
              ))}
            </ul>
            <Pagination
              page={page}
              hasPrevious={data.previous !== null}
              hasNext={data.next !== null}
              onPageChange={(nextPage) => {
                setSearchParams(nextPage > 1 ? { page: String(nextPage) } : {});
                window.scrollTo({ top: 0 });
              }}
              label="My tickets pages"
            />
          </>
        )
      )}
    </section>
  );
}
