/** Locale-aware formatting helpers (the browser's locale). */

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function formatDateTime(iso: string): string {
  return dateTime.format(new Date(iso));
}

/** Price from the API's decimal string; "Free" for zero. */
export function formatPrice(amount: string, currency: string): string {
  const value = Number(amount);
  if (value === 0) return 'Free';
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(value);
  } catch {
    return `${amount} ${currency}`;
  }
}

function pad2(value: number): string {
  return String(value).padStart(2, '0');
}

/** Local 24-hour wall-clock time, "20:14" (door staff read it at a glance). */
export function formatClock(iso: string): string {
  const date = new Date(iso);
  return `${pad2(date.getHours())}:${pad2(date.getMinutes())}`;
}

/** Local 24-hour time with seconds, "20:14:05", for scan logs. */
export function formatClockSeconds(iso: string): string {
  const date = new Date(iso);
  return `${formatClock(iso)}:${pad2(date.getSeconds())}`;
}

/**
 * "Fri, 5 Dec, 20:00 CET": a deadline the reader must meet, with the zone it is in (the
 * browser's, read at call time).
 */
export function formatDeadline(iso: string): string {
  return new Intl.DateTimeFormat(undefined, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(new Date(iso));
}

/** Minutes and seconds left, "12:05", or hours too past an hour, "2:04:09". */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const mmss = `${pad2(minutes)}:${pad2(seconds)}`;
  return hours > 0 ? `${String(hours)}:${mmss}` : `${String(minutes)}:${pad2(seconds)}`;
}

/**
 * "4 sold, 1 pending / 30": what an event or type sold, the one way every page says it. Sold
 * is tickets of confirmed bookings; pending, held awaiting payment, is shown apart (omitted
 * when none).
 */
export function formatSold(sold: number, pending: number, capacity?: number | null): string {
  const held = pending > 0 ? `, ${String(pending)} pending` : '';
  const of = capacity === undefined || capacity === null ? '' : ` / ${String(capacity)}`;
  return `${String(sold)} sold${held}${of}`;
}
