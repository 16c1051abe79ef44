import { formatEventTime } from '@/lib/event-time';
import type { Attendee, Counters, EventAnalytics, SalesDay } from '@/types/api';

type Revenue = EventAnalytics['revenue_by_currency'][number];

/** A decimal string as money in `currency`; the plain number if the code is unknown. */
export function formatMoney(amount: string, currency: string): string {
  const value = Number(amount);
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(value);
  } catch {
    return `${formatNumber(value, 2)} ${currency}`;
  }
}

export function formatNumber(value: number, fractionDigits = 0): string {
  return new Intl.NumberFormat(undefined, {
    minimumFractionDigits: fractionDigits,
    maximumFractionDigits: fractionDigits,
  }).format(value);
}

/**
 * Revenue as money per currency ("€1,200.00 · $300.00"): euros and dollars are never added
 * into one number. No sale yet reads as zero in `fallbackCurrency` (or a plain 0).
 */
export function formatRevenueByCurrency(
  revenue: readonly Revenue[],
  fallbackCurrency?: string,
): string {
  if (revenue.length === 0) {
    return fallbackCurrency ? formatMoney('0', fallbackCurrency) : formatNumber(0, 2);
  }
  return revenue.map((r) => formatMoney(r.amount, r.currency)).join(' · ');
}

/** No-shows exist only once the event is over; before that there is nothing to count. */
export function formatNoShows(noShows: number | null): string {
  return noShows === null ? '—' : String(noShows);
}

/** A 0..1 rate as a whole percentage, "67%". */
/** "1 pending · 25 available": the hint under a sold figure (pending: held, awaiting payment). */
export function availableHint(pending: number, available: number): string {
  const held = pending > 0 ? `${String(pending)} pending · ` : '';
  return `${held}${String(available)} available`;
}

export function formatRate(rate: number): string {
  return `${String(Math.round(rate * 100))}%`;
}

/** The check-in state of one attendee row, in words; the time in the event's zone, named. */
export function attendeeStatusText(attendee: Attendee, timeZone: string): string {
  if (attendee.status === 'cancelled') return 'Cancelled';
  if (attendee.status === 'pending') return 'Awaiting payment';
  if (!attendee.checked_in_at) return 'Not yet';
  const at = `Checked in at ${formatEventTime(attendee.checked_in_at, timeZone)}`;
  return attendee.gate ? `${at}, ${attendee.gate}` : at;
}

/**
 * One event's analytics after a live update of the door's counters. What is sold stays the
 * analytics' own (the door's `tickets_sold` means the same, confirmed tickets, but revenue and
 * the per-type figures come with it only on the next refetch).
 */
export function withLiveCounters(analytics: EventAnalytics, counters: Counters): EventAnalytics {
  const sold = analytics.sold;
  return {
    ...analytics,
    capacity: counters.capacity,
    checked_in: counters.checked_in,
    inside: counters.inside,
    // Per-gate arrivals come with the next refetch; who is inside where is live.
    by_gate: analytics.by_gate.map((row) => ({
      ...row,
      inside: counters.by_gate.find((gate) => gate.gate === row.gate)?.inside ?? 0,
    })),
    // Before the end nobody is a no-show yet (the server sends null until then).
    no_shows: analytics.no_shows === null ? null : Math.max(sold - counters.checked_in, 0),
    checkin_rate: sold > 0 ? Math.round((counters.checked_in / sold) * 10_000) / 10_000 : 0,
  };
}

const MAX_FILLED_DAYS = 400;

function dayKey(date: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${String(date.getFullYear())}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/**
 * Sales per day with the days without sales filled in as zeros, so the curve's x axis is
 * time and not just the days that happened to sell. Very long spans are left as they are.
 */
export function fillSalesDays(sales: readonly SalesDay[]): SalesDay[] {
  const first = sales[0];
  const last = sales.at(-1);
  if (!first || !last) return [];
  const [y, m, d] = first.date.split('-').map(Number);
  if (!y || !m || !d) return [...sales];
  const counts = new Map(sales.map((day) => [day.date, day.count]));
  const filled: SalesDay[] = [];
  for (const cursor = new Date(y, m - 1, d); filled.length < MAX_FILLED_DAYS;) {
    const key = dayKey(cursor);
    filled.push({ date: key, count: counts.get(key) ?? 0 });
    if (key >= last.date) return filled;
    cursor.setDate(cursor.getDate() + 1);
  }
  return [...sales];
}
