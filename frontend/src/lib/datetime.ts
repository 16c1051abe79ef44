/**
 * Conversions between the browser's local wall-clock inputs (`<input type="datetime-local">`,
 * `<input type="date">`) and the API's ISO 8601 datetimes with an explicit offset.
 */

function pad(value: number, length = 2): string {
  return String(Math.abs(value)).padStart(length, '0');
}

/** "+02:00" / "-05:00" / "+00:00" for the browser's offset at that instant (DST-aware). */
function offsetOf(date: Date): string {
  const minutes = -date.getTimezoneOffset();
  const sign = minutes >= 0 ? '+' : '-';
  return `${sign}${pad(Math.trunc(minutes / 60))}:${pad(minutes % 60)}`;
}

/** A Date as local wall-clock time with the browser's offset: "2026-06-12T20:00:00+02:00". */
export function toLocalIso(date: Date): string {
  return (
    `${String(date.getFullYear())}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}` +
    offsetOf(date)
  );
}

const LOCAL_INPUT = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?$/;

function parseLocal(value: string): Date | null {
  const match = LOCAL_INPUT.exec(value);
  if (!match) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0'] = match;
  const date = new Date(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  return Number.isNaN(date.getTime()) ? null : date;
}

/** A datetime-local value ("2026-06-12T20:00") to ISO with the browser's offset; "" if empty/invalid. */
export function localInputToIso(value: string): string {
  const date = parseLocal(value);
  return date ? toLocalIso(date) : '';
}

/** An ISO datetime from the API to a datetime-local value in the browser's time zone. */
export function isoToLocalInput(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return (
    `${String(date.getFullYear())}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}`
  );
}

/** Local midnight at the start of a date-input day ("2026-06-12"), as ISO with offset. */
export function startOfDayIso(day: string): string {
  return localInputToIso(day);
}

/** Local midnight after a date-input day: the exclusive end of "up to and including that day". */
export function endOfDayIso(day: string): string {
  const date = parseLocal(day);
  if (!date) return '';
  date.setDate(date.getDate() + 1);
  return toLocalIso(date);
}

/** Whether an ISO datetime lies in the past (read at call time, outside render purity rules). */
export function isPast(iso: string): boolean {
  return new Date(iso).getTime() <= Date.now();
}
