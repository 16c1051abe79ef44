/**
 * Every time the SPA shows, in one clock convention (24-hour, "20:00"), always with its zone
 * named. This is the one formatting module for times: nothing else builds a time string.
 *
 * Times of an event, and times about one (payment deadlines, check-ins, the door log), are
 * shown in the EVENT's time zone (an IANA name such as "Europe/Berlin"),
 * whatever zone the browser runs in: a buyer in New York sees a Berlin concert at
 * "Fri 5 Dec, 20:00 CET", the time printed on the poster, with the zone named.
 *
 * Also the conversions between a wall-clock time in that zone (what a datetime-local input
 * holds) and the API's ISO 8601 with offset, DST gaps and overlaps included.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** The browser's own zone, used only as the default for a new event. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** Every IANA zone this browser knows, for the organizer's picker. */
export function supportedTimeZones(): string[] {
  return Intl.supportedValuesOf('timeZone');
}

/** Whether `timeZone` is a zone name Intl accepts. */
export function isValidTimeZone(timeZone: string): boolean {
  if (!timeZone) return false;
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone });
    return true;
  } catch {
    return false;
  }
}

// Formatters are costly to build: keep one per (kind, zone).
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(
  key: string,
  locale: string,
  timeZone: string,
  options: Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat {
  const id = `${key}|${locale}|${timeZone}`;
  let cached = formatters.get(id);
  if (!cached) {
    cached = new Intl.DateTimeFormat(locale, { ...options, timeZone });
    formatters.set(id, cached);
  }
  return cached;
}

/**
 * CLDR names zones per locale: en-GB knows "CET"/"BST" but says "GMT-5" for New York, en-US
 * the other way round. The first locale that has a real abbreviation wins; otherwise the
 * "GMT+9" form, which is still unambiguous.
 */
const ABBREVIATION_LOCALES = ['en-GB', 'en-US', 'en-AU', 'en-IN', 'en-NZ', 'en-ZA', 'en-CA'];
const GMT_OFFSET = /^(GMT|UTC)[+-−]/;

/** The zone's short name at that instant: "CET", "CEST", "EST", "GMT+9". */
export function zoneAbbreviation(iso: string | Date, timeZone: string): string {
  const date = typeof iso === 'string' ? new Date(iso) : iso;
  let fallback = '';
  for (const locale of ABBREVIATION_LOCALES) {
    const name = formatter('zone', locale, timeZone, { timeZoneName: 'short' })
      .formatToParts(date)
      .find((part) => part.type === 'timeZoneName')?.value;
    if (!name) continue;
    if (!GMT_OFFSET.test(name)) return name;
    fallback ||= name;
  }
  return fallback || timeZone;
}

interface WallParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallParts(date: Date, timeZone: string): WallParts {
  const parts = formatter('parts', 'en-US', timeZone, {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date);
  const value = (type: Intl.DateTimeFormatPartTypes) =>
    Number(parts.find((part) => part.type === type)?.value ?? '0');
  return {
    year: value('year'),
    month: value('month'),
    day: value('day'),
    hour: value('hour') % 24,
    minute: value('minute'),
    second: value('second'),
  };
}

function wallAsUtcMs(parts: WallParts): number {
  const date = new Date(0);
  date.setUTCFullYear(parts.year, parts.month - 1, parts.day);
  date.setUTCHours(parts.hour, parts.minute, parts.second, 0);
  return date.getTime();
}

/** The zone's UTC offset in minutes at that instant (+60 for CET, -300 for EST). */
export function zoneOffsetMinutes(instantMs: number, timeZone: string): number {
  const instant = new Date(Math.floor(instantMs / 1000) * 1000);
  return Math.round((wallAsUtcMs(wallParts(instant, timeZone)) - instant.getTime()) / MINUTE);
}

function pad(value: number, length = 2): string {
  return String(Math.abs(value)).padStart(length, '0');
}

function offsetText(minutes: number): string {
  const sign = minutes >= 0 ? '+' : '-';
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.trunc(abs / 60))}:${pad(abs % 60)}`;
}

function wallText(parts: WallParts, withSeconds: boolean): string {
  const base =
    `${pad(parts.year, 4)}-${pad(parts.month)}-${pad(parts.day)}` +
    `T${pad(parts.hour)}:${pad(parts.minute)}`;
  return withSeconds ? `${base}:${pad(parts.second)}` : base;
}

const WALL_INPUT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * A wall-clock time in `timeZone` ("2026-12-05T20:00", a datetime-local value) as ISO 8601
 * with that zone's offset ("2026-12-05T20:00:00+01:00"); "" when empty or invalid.
 *
 * Like Temporal's "compatible" disambiguation: a time that happens twice (clocks going back)
 * is the first of the two; a time that never happens (clocks going forward) is moved forward
 * by the gap, as the clock on the wall would read it (02:30 -> 03:30 in Berlin in March).
 */
export function wallTimeToIso(value: string, timeZone: string): string {
  const match = WALL_INPUT.exec(value);
  if (!match || !isValidTimeZone(timeZone)) return '';
  const [, y, mo, d, h, mi, s = '0'] = match;
  const wanted: WallParts = {
    year: Number(y),
    month: Number(mo),
    day: Number(d),
    hour: Number(h),
    minute: Number(mi),
    second: Number(s),
  };
  if (wanted.month < 1 || wanted.month > 12 || wanted.day < 1 || wanted.hour > 23) return '';
  const wallMs = wallAsUtcMs(wanted);
  if (Number.isNaN(wallMs)) return '';
  // The offsets in force around that day; a zone changes offset at most once in 48 hours.
  const before = zoneOffsetMinutes(wallMs - 24 * HOUR, timeZone);
  const after = zoneOffsetMinutes(wallMs + 24 * HOUR, timeZone);
  const matching = [...new Set([before, after])]
    .map((offset) => ({ offset, instant: wallMs - offset * MINUTE }))
    .filter(({ instant }) => wallAsUtcMs(wallParts(new Date(instant), timeZone)) === wallMs)
    .sort((a, b) => a.instant - b.instant);
  const chosen = matching[0];
  if (chosen) {
    return `${wallText(wanted, true)}${offsetText(chosen.offset)}`;
  }
  // In the gap: read the instant with the offset from before the change, as the wall shows it.
  const instant = wallMs - before * MINUTE;
  const shown = wallParts(new Date(instant), timeZone);
  return `${wallText(shown, true)}${offsetText(zoneOffsetMinutes(instant, timeZone))}`;
}

/** An API datetime as a datetime-local value in `timeZone` ("2026-12-05T20:00"). */
export function isoToWallTime(iso: string, timeZone: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime()) || !isValidTimeZone(timeZone)) return '';
  return wallText(wallParts(date, timeZone), false);
}

/** The calendar day of an instant in a zone, "2026-12-05". */
function dayIn(date: Date, timeZone: string): string {
  return wallText(wallParts(date, timeZone), false).slice(0, 10);
}

const DAY_OPTIONS: Intl.DateTimeFormatOptions = {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
};
const TIME_OPTIONS: Intl.DateTimeFormatOptions = {
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
};

/** "Fri 5 Dec", or "Fri 8 Jan 2027" when not this year (built from parts: no locale comma). */
function dayText(date: Date, timeZone: string, now: Date): string {
  const parts = formatter('day', 'en-GB', timeZone, {
    ...DAY_OPTIONS,
    year: 'numeric',
  }).formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    parts.find((p) => p.type === type)?.value ?? '';
  const text = `${part('weekday')} ${part('day')} ${part('month')}`;
  const thisYear = wallParts(date, timeZone).year === wallParts(now, timeZone).year;
  return thisYear ? text : `${text} ${part('year')}`;
}

function timeText(date: Date, timeZone: string): string {
  return formatter('time', 'en-GB', timeZone, TIME_OPTIONS).format(date);
}

/** "20:00:05", to the second, in a zone (for the door log, next to a named zone). */
function timeWithSecondsText(date: Date, timeZone: string): string {
  return formatter('seconds', 'en-GB', timeZone, { ...TIME_OPTIONS, second: '2-digit' }).format(
    date,
  );
}

/** "20:00 CET": a time of day in the event's zone. */
export function formatEventTime(iso: string, timeZone: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return `${timeText(date, timeZone)} ${zoneAbbreviation(date, timeZone)}`;
}

/** "20:00", bare, for a chart axis whose title names the zone (`zoneAbbreviation`). */
export function formatEventClock(iso: string, timeZone: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return timeText(date, timeZone);
}

/** "20:00:05 CET": a door-log time, to the second, in the event's zone. */
export function formatEventTimeSeconds(iso: string, timeZone: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return `${timeWithSecondsText(date, timeZone)} ${zoneAbbreviation(date, timeZone)}`;
}

/**
 * "20:00 CET" on the day of `now` in that zone, "Fri 5 Dec, 20:00 CET" on another day: for
 * the door, where today's times need no date.
 */
export function formatEventTimeOrDate(iso: string, timeZone: string, now = new Date()): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return dayIn(date, timeZone) === dayIn(now, timeZone)
    ? formatEventTime(iso, timeZone)
    : formatEventDateTime(iso, timeZone, now);
}

/** "Fri 5 Dec, 20:00 CET" (the year only when it is not this year's). */
export function formatEventDateTime(iso: string, timeZone: string, now = new Date()): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return `${dayText(date, timeZone, now)}, ${formatEventTime(iso, timeZone)}`;
}

/**
 * A time about the viewer's own account (when they booked, paid, cancelled, last synced this
 * device), in the VIEWER's zone, named: "Mon 7 Dec, 12:53 GMT".
 */
export function formatLocalDateTime(iso: string, now = new Date()): string {
  return formatEventDateTime(iso, browserTimeZone(), now);
}

/** A calendar day of the API ("2026-11-24") as "24 Nov", with no zone shift (no time in it). */
export function formatDay(day: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return day;
  const [, y, m, d] = match;
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d), 12));
  return formatter('day-month', 'en-GB', 'UTC', { day: 'numeric', month: 'short' }).format(date);
}

/**
 * "Fri 5 Dec, 20:00 – 23:00 CET" on one day, "Fri 5 Dec, 22:00 – Sat 6 Dec, 02:00 CET" over
 * midnight; when the zone changes its offset in between, each end names its own.
 */
export function formatEventRange(
  startIso: string,
  endIso: string,
  timeZone: string,
  now = new Date(),
): string {
  const start = new Date(startIso);
  const end = new Date(endIso);
  if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime())) return '';
  const startZone = zoneAbbreviation(start, timeZone);
  const endZone = zoneAbbreviation(end, timeZone);
  const sameDay = dayIn(start, timeZone) === dayIn(end, timeZone);
  const startText = `${dayText(start, timeZone, now)}, ${timeText(start, timeZone)}`;
  const endText = sameDay
    ? timeText(end, timeZone)
    : `${dayText(end, timeZone, now)}, ${timeText(end, timeZone)}`;
  if (startZone !== endZone) return `${startText} ${startZone} – ${endText} ${endZone}`;
  return `${startText} – ${endText} ${endZone}`;
}

/** "Europe/Berlin (CET, UTC+01:00)": how the form names the zone it reads and writes. */
export function describeTimeZone(timeZone: string, at = new Date()): string {
  if (!isValidTimeZone(timeZone)) return timeZone;
  const offset = offsetText(zoneOffsetMinutes(at.getTime(), timeZone));
  const abbreviation = zoneAbbreviation(at, timeZone);
  const utc = `UTC${offset}`;
  return GMT_OFFSET.test(abbreviation) || abbreviation === 'UTC'
    ? `${timeZone} (${utc})`
    : `${timeZone} (${abbreviation}, ${utc})`;
}
