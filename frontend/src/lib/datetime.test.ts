import { endOfDayIso, isoToLocalInput, localInputToIso, startOfDayIso } from '@/lib/datetime';
import { inTimeZone } from '@/testing/test-utils';

// Date reads TZ at call time: run in a zone with an offset and DST, even on a UTC machine.
inTimeZone('Europe/Berlin');

describe('datetime conversions', () => {
  it('turns a datetime-local value into ISO with the browser offset (summer time)', () => {
    expect(localInputToIso('2026-06-12T20:00')).toBe('2026-06-12T20:00:00+02:00');
  });

  it('uses the offset in force on that date (winter time)', () => {
    expect(localInputToIso('2026-01-12T20:30')).toBe('2026-01-12T20:30:00+01:00');
  });

  it('keeps the same instant', () => {
    const iso = localInputToIso('2026-06-12T20:00');
    expect(new Date(iso).toISOString()).toBe('2026-06-12T18:00:00.000Z');
  });

  it('returns an empty string for empty or invalid input', () => {
    expect(localInputToIso('')).toBe('');
    expect(localInputToIso('not a date')).toBe('');
  });

  it('shows an API datetime in local wall-clock time', () => {
    expect(isoToLocalInput('2026-06-12T18:00:00Z')).toBe('2026-06-12T20:00');
    expect(isoToLocalInput('2026-06-12T20:00:00+02:00')).toBe('2026-06-12T20:00');
  });

  it('round-trips', () => {
    expect(isoToLocalInput(localInputToIso('2026-10-25T02:30'))).toBe('2026-10-25T02:30');
  });

  it('turns a date range into [start of first day, start of the day after the last)', () => {
    expect(startOfDayIso('2026-03-28')).toBe('2026-03-28T00:00:00+01:00');
    // DST starts on 29 March in Berlin: the exclusive end carries the new offset.
    expect(endOfDayIso('2026-03-28')).toBe('2026-03-29T00:00:00+01:00');
    expect(endOfDayIso('2026-03-29')).toBe('2026-03-30T00:00:00+02:00');
  });
});
