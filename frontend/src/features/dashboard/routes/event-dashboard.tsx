import { lazy, Suspense } from 'react';
import { Link, useParams } from 'react-router';

import { useEventAnalytics } from '@/features/dashboard/api/get-event-analytics';
import { AttendeeList } from '@/features/dashboard/components/attendee-list';
import { CheckinsByList } from '@/features/dashboard/components/checkins-by-list';
import { EventCards } from '@/features/dashboard/components/event-cards';
import { SalesByTicketType } from '@/features/dashboard/components/sales-by-ticket-type';
import { UsesByCode } from '@/features/dashboard/components/uses-by-code';
import { useLiveDashboard } from '@/features/dashboard/hooks/use-live-dashboard';
import { Alert } from '@/components/ui/alert';
import { Card } from '@/components/ui/card';
import { ConnectionIndicator } from '@/components/ui/connection-indicator';
import { Spinner } from '@/components/ui/spinner';
import { WaitingListSummary } from '@/features/dashboard/components/waiting-list-summary';
import { paths } from '@/config/paths';
import { PhaseBadge } from '@/components/ui/phase-badge';
import { formatEventDateTime } from '@/lib/event-time';
import { useDocumentTitle } from '@/lib/use-document-title';
import type { EventAnalytics } from '@/types/api';

// The charting library is the biggest part of this page: fetch it only when it is shown.
const DashboardCharts = lazy(() =>
  import('@/features/dashboard/components/charts').then((module) => ({
    default: module.DashboardCharts,
  })),
);

const linkClass =
  'inline-flex min-h-11 items-center text-sm font-medium text-indigo-700 hover:underline';

function BackLink() {
  return (
    <Link to={paths.dashboard} className={`${linkClass} self-start`}>
      ← Dashboard
    </Link>
  );
}

function NotFound() {
  return (
    <div className="flex flex-col gap-4">
      <BackLink />
      <Card className="mx-auto max-w-md text-center">
        <h1 className="text-xl font-semibold">Event not found</h1>
        <p className="mt-2 text-sm text-slate-600">
          There is no event with this number among yours. It may have been deleted.
        </p>
      </Card>
    </div>
  );
}

/**
 * Whether the event's bookings have money to handle: a free event (nothing paid, nothing
 * pending, no revenue on any type) has no payment actions on its attendee rows.
 */
function takesPayments(analytics: EventAnalytics): boolean {
  return (
    analytics.pending.bookings > 0 ||
    Number(analytics.revenue) !== 0 ||
    analytics.by_ticket_type.some((type) => Number(type.revenue) !== 0)
  );
}

function EventDashboard({ eventId }: { eventId: number }) {
  const analyticsQuery = useEventAnalytics(eventId);
  const analytics = analyticsQuery.data;
  // Open the live channel only once the API has said the event is the caller's.
  const status = useLiveDashboard(analytics ? eventId : null);
  useDocumentTitle(analytics ? `Dashboard · ${analytics.title}` : 'Event dashboard');

  // A failed background refetch keeps showing the numbers; only a failed first load is an error.
  if (!analytics) {
    if (analyticsQuery.isError) {
      const error = analyticsQuery.error;
      if (error.code === 'not_found' || error.status === 404) return <NotFound />;
      return (
        <div className="flex flex-col gap-4">
          <BackLink />
          <Alert
            title={
              error.status === 403
                ? "You don't have access to this dashboard"
                : 'The dashboard could not be loaded'
            }
          >
            {error.detail}
          </Alert>
        </div>
      );
    }
    return (
      <div className="flex justify-center py-12">
        <Spinner label="Loading the dashboard" />
      </div>
    );
  }

  return (
    <div className="flex flex-col gap-5">
      <div className="flex flex-col gap-1">
        <BackLink />
        <div className="flex flex-wrap items-center justify-between gap-2">
          <div className="flex flex-wrap items-center gap-2">
            <h1 className="text-2xl font-semibold tracking-tight">{analytics.title}</h1>
            <PhaseBadge phase={analytics.phase} startsAt={analytics.starts_at} />
          </div>
          <ConnectionIndicator status={status} />
        </div>
        <p className="text-sm text-slate-600">
          <time dateTime={analytics.starts_at}>
            {formatEventDateTime(analytics.starts_at, analytics.timezone)}
          </time>
        </p>
        <div className="flex flex-wrap gap-x-4">
          <Link to={paths.liveDoor(eventId)} className={linkClass}>
            Live door
          </Link>
          <Link to={paths.manageEvent(eventId)} className={linkClass}>
            Manage event
          </Link>
        </div>
      </div>

      <section aria-label="Key numbers" className="flex flex-col gap-2">
        <EventCards analytics={analytics} />
        {analytics.offline_conflicts > 0 && (
          <p
            role="alert"
            data-testid="offline-conflicts"
            className="rounded-lg border border-red-300 bg-red-50 px-4 py-2 text-sm font-medium text-red-900"
          >
            {analytics.offline_conflicts === 1
              ? '1 ticket was'
              : `${String(analytics.offline_conflicts)} tickets were`}{' '}
            admitted offline at one door after being admitted at another: two people may have got in
            on one ticket. See the scan log of the live door.
          </p>
        )}
      </section>

      <SalesByTicketType analytics={analytics} />
      <UsesByCode analytics={analytics} />
      <CheckinsByList analytics={analytics} />

      <Suspense
        fallback={
          <div className="flex justify-center py-12">
            <Spinner label="Loading charts" />
          </div>
        }
      >
        <DashboardCharts analytics={analytics} />
      </Suspense>

      <WaitingListSummary eventId={eventId} />

      <AttendeeList
        eventId={eventId}
        context={{ timeZone: analytics.timezone, takesPayments: takesPayments(analytics) }}
      />
    </div>
  );
}

/** /dashboard/events/:id: one event's numbers, curves and attendees, live during check-in. */
export function EventDashboardRoute() {
  const { id = '' } = useParams();
  const eventId = Number(id);
  if (!Number.isInteger(eventId) || eventId <= 0) return <NotFound />;
  return <EventDashboard key={eventId} eventId={eventId} />;
}
