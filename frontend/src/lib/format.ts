/**
 * Locale-aware number helpers (the browser's locale). Times are formatted in one place only,
 * `lib/event-time.ts`, in one clock convention and always with their zone.
 */

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

/** Minutes and seconds left, "12:05", or hours too past an hour, "2:04:09" (a duration). */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const mmss = `${pad2(minutes)}:${pad2(seconds)}`;
  return hours > 0 ? `${String(hours)}:${mmss}` : `${String(minutes)}:${pad2(seconds)}`;
}

/**
 * A backup code grouped for reading aloud and typing, "7KQM-R2XD". The door accepts it with
 * or without the dash (and in any case), so the dash is only for the eye.
 */
export function formatBackupCode(code: string): string {
  const bare = code.replace(/[\s-]/g, '').toUpperCase();
  return bare.length === 8 ? `${bare.slice(0, 4)}-${bare.slice(4)}` : code;
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
