import { Link } from 'react-router';

import { useAnalyticsSummary } from '@/features/dashboard/api/get-analytics-summary';
import { StatCard } from '@/features/dashboard/components/stat-card';
import {
  availableHint,
  formatNoShows,
  formatRate,
  formatRevenueByCurrency,
} from '@/features/dashboard/utils/format';
import { Alert } from '@/components/ui/alert';
import { buttonClasses } from '@/components/ui/button-classes';
import { Spinner } from '@/components/ui/spinner';
import { paths } from '@/config/paths';
import { PhaseBadge } from '@/components/ui/phase-badge';
import { formatEventDateTime } from '@/lib/event-time';
import { formatSold } from '@/lib/format';
import { useDocumentTitle } from '@/lib/use-document-title';
import type { AnalyticsTotals, EventAnalyticsRow } from '@/types/api';

function Totals({ totals }: { totals: AnalyticsTotals }) {
  const mixed = totals.revenue_by_currency.length > 1;
  return (
    <div className="grid grid-cols-2 gap-2 sm:grid-cols-3 lg:grid-cols-5">
      <StatCard
        label="Sold"
        testId="total-sold"
        value={
          <>
            {totals.sold}
            <span className="text-base font-medium text-slate-500"> / {totals.capacity}</span>
          </>
        }
        hint={availableHint(totals.pending_tickets, totals.tickets_available)}
      />
      <StatCard
        label="Revenue"
        testId="total-revenue"
        value={formatRevenueByCurrency(totals.revenue_by_currency, totals.currencies[0])}
        hint={mixed ? 'Per currency, paid minus refunded' : 'Paid minus refunded'}
      />
      <StatCard label="Checked in" testId="total-checked-in" value={totals.checked_in} />
      <StatCard
        label="No-shows"
        testId="total-no-shows"
        value={formatNoShows(totals.no_shows)}
        hint="Of events that are over"
      />
      <StatCard
        label="Check-in rate"
        testId="total-checkin-rate"
        value={formatRate(totals.checkin_rate)}
      />
    </div>
  );
}

function Metric({ label, value }: { label: string; value: string }) {
  return (
    <div className="flex flex-col">
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="font-medium text-slate-900 tabular-nums">{value}</dd>
    </div>
  );
}

function EventRow({ row }: { row: EventAnalyticsRow }) {
  return (
    <li
      className="relative flex flex-col gap-2 p-4 focus-within:bg-slate-50 hover:bg-slate-50 md:flex-row md:items-center md:gap-4"
      data-testid="event-row"
    >
      <div className="min-w-0 flex-1">
        <div className="flex flex-wrap items-center gap-2">
          <Link
            to={paths.eventDashboard(row.event)}
            className="font-semibold text-slate-900 after:absolute after:inset-0 hover:text-indigo-700 hover:underline"
          >
            {row.title}
          </Link>
          <PhaseBadge phase={row.phase} startsAt={row.starts_at} />
        </div>
        <p className="text-sm text-slate-600">
          <time dateTime={row.starts_at}>{formatEventDateTime(row.starts_at, row.timezone)}</time>
        </p>
      </div>
      <dl className="grid grid-cols-4 gap-2 text-sm md:w-md">
        <Metric label="Sold" value={formatSold(row.sold, row.pending_tickets, row.capacity)} />
        <Metric
          label="Revenue"
          value={formatRevenueByCurrency(row.revenue_by_currency, row.currency)}
        />
        <Metric label="Checked in" value={String(row.checked_in)} />
        <Metric label="Rate" value={formatRate(row.checkin_rate)} />
      </dl>
    </li>
  );
}

/** /dashboard: totals over the organizer's events, then one row per event. */
export function DashboardOverviewRoute() {
  useDocumentTitle('Dashboard');
  const summaryQuery = useAnalyticsSummary();

  return (
    <section className="flex flex-col gap-5">
      <h1 className="text-2xl font-semibold tracking-tight">Dashboard</h1>
      {summaryQuery.isPending ? (
        <div className="flex justify-center py-12">
          <Spinner label="Loading the dashboard" />
        </div>
      ) : summaryQuery.isError ? (
        <Alert title="The dashboard could not be loaded">{summaryQuery.error.detail}</Alert>
      ) : (
        <>
          <Totals totals={summaryQuery.data.totals} />
          <section aria-labelledby="events-heading" className="flex flex-col gap-2">
            <h2 id="events-heading" className="text-lg font-semibold">
              Events
            </h2>
            {summaryQuery.data.events.length === 0 ? (
              <div className="rounded-xl border border-dashed border-slate-300 bg-white px-4 py-12 text-center">
                <p className="font-medium">You have no events yet.</p>
                <Link to={paths.newEvent} className={buttonClasses('primary', 'mt-4')}>
                  New event
                </Link>
              </div>
            ) : (
              <ul className="divide-y divide-slate-200 overflow-hidden rounded-xl border border-slate-200 bg-white">
                {summaryQuery.data.events.map((row) => (
                  <EventRow key={row.event} row={row} />
                ))}
              </ul>
            )}
          </section>
        </>
      )}
    </section>
  );
}
