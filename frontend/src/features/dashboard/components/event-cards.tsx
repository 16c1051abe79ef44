import { StatCard } from '@/features/dashboard/components/stat-card';
import {
  availableHint,
  formatMoney,
  formatNoShows,
  formatRate,
  formatRevenueByCurrency,
} from '@/features/dashboard/utils/format';
import type { EventAnalytics } from '@/types/api';

/** The headline numbers of one event; the live ones change as the door scans. */
export function EventCards({ analytics }: { analytics: EventAnalytics }) {
  const { sold, capacity, checked_in: checkedIn } = analytics;
  return (
    <div className="grid grid-cols-2 gap-2 sm:grid-cols-3 lg:grid-cols-6">
      <StatCard
        label="Sold"
        testId="card-sold"
        value={
          <>
            {sold}
            <span className="text-base font-medium text-slate-500"> / {capacity}</span>
          </>
        }
        hint={availableHint(analytics.pending_tickets, analytics.tickets_available)}
      />
      <StatCard
        label="Revenue"
        testId="card-revenue"
        value={formatRevenueByCurrency(analytics.revenue_by_currency, analytics.currency)}
        hint="Paid minus refunded"
      />
      <StatCard
        label="Pending payments"
        testId="card-pending"
        value={analytics.pending.bookings}
        hint={`${formatMoney(analytics.pending.amount, analytics.currency)} awaiting payment`}
      />
      <StatCard
        label="Checked in"
        testId="card-checked-in"
        valueTestId="checked-in-value"
        value={
          <>
            {checkedIn}
            <span className="text-base font-medium text-slate-500"> of {sold}</span>
          </>
        }
      />
      <StatCard
        label="Inside now"
        testId="card-inside"
        valueTestId="inside-value"
        value={analytics.inside}
        hint={
          capacity > 0 && analytics.inside >= capacity
            ? '⚠ Venue full: at capacity'
            : analytics.by_gate
                .filter((gate) => gate.inside > 0)
                .map((gate) => `${gate.gate} ${String(gate.inside)}`)
                .join(' · ') || 'Entries minus exits'
        }
      />
      <StatCard
        label="No-shows"
        testId="card-no-shows"
        value={formatNoShows(analytics.no_shows)}
        hint={analytics.no_shows === null ? 'Counted after the event' : 'Sold, not checked in'}
      />
      <StatCard
        label="Check-in rate"
        testId="card-checkin-rate"
        value={formatRate(analytics.checkin_rate)}
        hint="Of tickets sold"
      />
    </div>
  );
}
