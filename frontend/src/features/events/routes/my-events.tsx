import { Link, useSearchParams } from 'react-router';

import { useMyEvents } from '@/features/events/api/get-my-events';
import { PhaseBadge } from '@/components/ui/phase-badge';
import { Alert } from '@/components/ui/alert';
import { Pagination } from '@/components/ui/pagination';
import { buttonClasses } from '@/components/ui/button-classes';
import { Spinner } from '@/components/ui/spinner';
import { paths } from '@/config/paths';
import { formatEventDateTime } from '@/lib/event-time';
import { formatSold } from '@/lib/format';
import { useDocumentTitle } from '@/lib/use-document-title';

export function MyEventsRoute() {
  useDocumentTitle('My events');
  const [searchParams, setSearchParams] = useSearchParams();
  const pageParam = Number(searchParams.get('page'));
  const page = Number.isInteger(pageParam) && pageParam > 0 ? pageParam : 1;
  const eventsQuery = useMyEvents({ page });
  const data = eventsQuery.data;

  return (
    <section className="flex flex-col gap-5">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold tracking-tight">My events</h1>
        <Link to={paths.newEvent} className={buttonClasses('primary')}>
          New event
        </Link>
      </div>
      {eventsQuery.isPending ? (
        <div className="flex justify-center py-12">
          <Spinner label="Loading your events" />
        </div>
      ) : eventsQuery.isError ? (
        <Alert title="Your events could not be loaded">{eventsQuery.error.detail}</Alert>
      ) : data && data.results.length === 0 ? (
        <div className="rounded-xl border border-dashed border-slate-300 bg-white px-4 py-12 text-center">
          <p className="font-medium">You have no events yet.</p>
          <p className="mt-1 text-sm text-slate-600">Create one with “New event”.</p>
        </div>
      ) : (
        data && (
          <>
            <ul className="divide-y divide-slate-200 overflow-hidden rounded-xl border border-slate-200 bg-white">
              {data.results.map((event) => (
                <li
                  key={event.id}
                  className="relative flex flex-col gap-1 p-4 focus-within:bg-slate-50 hover:bg-slate-50 sm:flex-row sm:items-center sm:gap-4"
                >
                  <div className="min-w-0 flex-1">
                    <Link
                      to={paths.manageEvent(event.id)}
                      className="font-semibold text-slate-900 after:absolute after:inset-0 hover:text-indigo-700 hover:underline"
                    >
                      {event.title}
                    </Link>
                    <p className="text-sm text-slate-600">
                      <time dateTime={event.starts_at}>
                        {formatEventDateTime(event.starts_at, event.timezone)}
                      </time>{' '}
                      · {event.venue}
                    </p>
                  </div>
                  <p
                    className="text-sm text-slate-700 sm:w-44 sm:text-right"
                    data-testid="sold-summary"
                  >
                    {formatSold(event.sold, event.pending, event.capacity)}
                  </p>
                  <div className="sm:w-24 sm:text-right">
                    <PhaseBadge phase={event.phase} startsAt={event.starts_at} />
                  </div>
                </li>
              ))}
            </ul>
            <Pagination
              page={page}
              hasPrevious={data.previous !== null}
              hasNext={data.next !== null}
              onPageChange={(nextPage) => {
                setSearchParams(nextPage > 1 ? { page: String(nextPage) } : {});
              }}
              label="My events pages"
            />
          </>
        )
      )}
    </section>
  );
}
