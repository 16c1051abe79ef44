import type { ReactNode } from 'react';
import {
  Area,
  AreaChart,
  Bar,
  BarChart,
  CartesianGrid,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';

import { fillSalesDays } from '@/features/dashboard/utils/format';
import { formatDay, formatEventClock, formatEventTime, zoneAbbreviation } from '@/lib/event-time';
import type { EventAnalytics } from '@/types/api';

const ACCENT = '#4f46e5';
const ACCENT_FILL = '#e0e7ff';
const SUCCESS = '#059669';
const SUCCESS_FILL = '#d1fae5';
const AXIS_TICK = { fontSize: 12, fill: '#475569' };
const CHART_HEIGHT = 220;
/** Used until the container is measured (and in environments that cannot measure). */
const INITIAL_SIZE = { width: 320, height: CHART_HEIGHT };

function ChartSection({
  title,
  summary,
  empty,
  testId,
  children,
}: {
  title: string;
  /** The chart in words, for screen readers. */
  summary: string;
  /** Shown instead of the chart when there is nothing to plot yet. */
  empty: string | null;
  testId: string;
  children: ReactNode;
}) {
  return (
    <figure
      className="flex min-w-0 flex-col gap-2 rounded-xl border border-slate-200 bg-white p-3 shadow-sm sm:p-4"
      data-testid={testId}
    >
      <figcaption className="text-base font-semibold">{title}</figcaption>
      {empty ? (
        <p
          className="grid place-items-center rounded-lg border border-dashed border-slate-300 px-3 py-10 text-sm text-slate-600"
          data-testid={`${testId}-empty`}
        >
          {empty}
        </p>
      ) : (
        <>
          <p className="sr-only">{summary}</p>
          <div aria-hidden="true">{children}</div>
        </>
      )}
    </figure>
  );
}

function plural(count: number, word: string): string {
  return `${String(count)} ${word}${count === 1 ? '' : 's'}`;
}

export function SalesChart({ sales }: { sales: EventAnalytics['sales'] }) {
  const data = fillSalesDays(sales).map((day) => ({
    label: formatDay(day.date),
    count: day.count,
  }));
  const total = sales.reduce((sum, day) => sum + day.count, 0);
  return (
    <ChartSection
      title="Sales per day"
      testId="sales-chart"
      empty={sales.length === 0 ? 'No sales yet.' : null}
      summary={`${plural(total, 'ticket')} sold over ${plural(data.length, 'day')}: ${data
        .filter((day) => day.count > 0)
        .map((day) => `${day.label} ${String(day.count)}`)
        .join(', ')}.`}
    >
      <ResponsiveContainer width="100%" height={CHART_HEIGHT} initialDimension={INITIAL_SIZE}>
        <AreaChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" tick={AXIS_TICK} minTickGap={12} />
          <YAxis allowDecimals={false} tick={AXIS_TICK} width={48} />
          <Tooltip />
          <Area
            type="monotone"
            dataKey="count"
            name="Tickets sold"
            stroke={ACCENT}
            fill={ACCENT_FILL}
            strokeWidth={2}
            isAnimationActive={false}
          />
        </AreaChart>
      </ResponsiveContainer>
    </ChartSection>
  );
}

/** Arrivals over time, on an axis in the event's zone (named in the title). */
export function ArrivalsChart({
  arrivals,
  timeZone,
}: {
  arrivals: EventAnalytics['arrivals'];
  timeZone: string;
}) {
  const data = arrivals.map((bucket) => ({
    label: formatEventClock(bucket.start, timeZone),
    at: formatEventTime(bucket.start, timeZone),
    count: bucket.count,
  }));
  const zone = zoneAbbreviation(arrivals[0]?.start ?? new Date(), timeZone);
  const total = arrivals.reduce((sum, bucket) => sum + bucket.count, 0);
  const busiest = data.reduce<(typeof data)[number] | null>(
    (best, bucket) => (best && best.count >= bucket.count ? best : bucket),
    null,
  );
  return (
    <ChartSection
      title={`Arrivals per 5 minutes (${zone})`}
      testId="arrivals-chart"
      empty={total === 0 ? 'No arrivals yet.' : null}
      summary={`${plural(total, 'arrival')}${
        busiest ? `; busiest 5 minutes from ${busiest.at} with ${String(busiest.count)}` : ''
      }.`}
    >
      <ResponsiveContainer width="100%" height={CHART_HEIGHT} initialDimension={INITIAL_SIZE}>
        <AreaChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" tick={AXIS_TICK} minTickGap={16} />
          <YAxis allowDecimals={false} tick={AXIS_TICK} width={48} />
          <Tooltip />
          <Area
            type="monotone"
            dataKey="count"
            name="Arrivals"
            stroke={SUCCESS}
            fill={SUCCESS_FILL}
            strokeWidth={2}
            isAnimationActive={false}
          />
        </AreaChart>
      </ResponsiveContainer>
    </ChartSection>
  );
}

export function GatesChart({ byGate }: { byGate: EventAnalytics['by_gate'] }) {
  const data = byGate.map((row) => ({ gate: row.gate || 'main', count: row.count }));
  // Horizontal bars: gate names stay readable on a phone, one row per gate.
  const height = Math.max(120, data.length * 40 + 40);
  return (
    <ChartSection
      title="Admissions by gate"
      testId="gates-chart"
      empty={data.length === 0 ? 'No admissions yet.' : null}
      summary={data.map((row) => `${row.gate}: ${String(row.count)}`).join(', ')}
    >
      <ResponsiveContainer
        width="100%"
        height={height}
        initialDimension={{ width: INITIAL_SIZE.width, height }}
      >
        <BarChart data={data} layout="vertical" margin={{ top: 0, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" allowDecimals={false} tick={AXIS_TICK} />
          <YAxis type="category" dataKey="gate" tick={AXIS_TICK} width={88} />
          <Tooltip />
          <Bar
            dataKey="count"
            name="Admitted"
            fill={ACCENT}
            radius={[0, 4, 4, 0]}
            isAnimationActive={false}
          />
        </BarChart>
      </ResponsiveContainer>
    </ChartSection>
  );
}

/** The three charts of the event dashboard (loaded on demand: the charting code is large). */
export function DashboardCharts({ analytics }: { analytics: EventAnalytics }) {
  return (
    <div className="grid grid-cols-1 gap-3 lg:grid-cols-2">
      <SalesChart sales={analytics.sales} />
      <ArrivalsChart arrivals={analytics.arrivals} timeZone={analytics.timezone} />
      <div className="min-w-0 lg:col-span-2">
        <GatesChart byGate={analytics.by_gate} />
      </div>
    </div>
  );
}
