import {
  describeTimeZone,
  formatDay,
  formatEventClock,
  formatEventDateTime,
  formatEventTimeOrDate,
  formatEventTimeSeconds,
  formatLocalDateTime,
  formatEventRange,
  formatEventTime,
  isoToWallTime,
  isValidTimeZone,
  wallTimeToIso,
  zoneAbbreviation,
} from '@/lib/event-time';
import { inTimeZone } from '@/testing/test-utils';

// The browser runs far from the venue: nothing below may depend on its zone.
inTimeZone('Pacific/Auckland');

const NOW = new Date('2026-11-01T12:00:00Z');

describe('event times in the event zone', () => {
  it('names the zone by its abbreviation, in summer and winter', () => {
    expect(zoneAbbreviation('2026-12-05T19:00:00Z', 'Europe/Berlin')).toBe('CET');
    expect(zoneAbbreviation('2026-07-05T19:00:00Z', 'Europe/Berlin')).toBe('CEST');
    expect(zoneAbbreviation('2026-12-05T19:00:00Z', 'America/New_York')).toBe('EST');
    expect(zoneAbbreviation('2026-07-05T19:00:00Z', 'Europe/London')).toBe('BST');
    expect(zoneAbbreviation('2026-07-05T19:00:00Z', 'Asia/Tokyo')).toMatch(/^(JST|GMT\+9)$/);
  });

  it('formats a date and time as on the poster', () => {
    expect(formatEventDateTime('2026-12-05T19:00:00Z', 'Europe/Berlin', NOW)).toBe(
      'Sat 5 Dec, 20:00 CET',
    );
    expect(formatEventDateTime('2026-12-05T19:00:00Z', 'America/New_York', NOW)).toBe(
      'Sat 5 Dec, 14:00 EST',
    );
    expect(formatEventTime('2026-12-05T19:00:00+00:00', 'Europe/Berlin')).toBe('20:00 CET');
  });

  it('shows the year only when it is not this year', () => {
    expect(formatEventDateTime('2027-01-08T19:00:00Z', 'Europe/Berlin', NOW)).toBe(
      'Fri 8 Jan 2027, 20:00 CET',
    );
  });

  it('formats a range on one day and over midnight, in the event zone', () => {
    expect(
      formatEventRange('2026-12-05T19:00:00Z', '2026-12-05T22:00:00Z', 'Europe/Berlin', NOW),
    ).toBe('Sat 5 Dec, 20:00 – 23:00 CET');
    // 23:00 UTC is already the next day in Berlin.
    expect(
      formatEventRange('2026-12-05T21:00:00Z', '2026-12-06T01:00:00Z', 'Europe/Berlin', NOW),
    ).toBe('Sat 5 Dec, 22:00 – Sun 6 Dec, 02:00 CET');
  });

  it('names both zones when the clocks change during the event', () => {
    expect(
      formatEventRange('2026-10-24T20:00:00Z', '2026-10-25T04:00:00Z', 'Europe/Berlin', NOW),
    ).toBe('Sat 24 Oct, 22:00 CEST – Sun 25 Oct, 05:00 CET');
  });
});

describe('wall time in the event zone <-> ISO', () => {
  it('writes the offset of the event zone, not of the browser', () => {
    expect(wallTimeToIso('2026-12-05T20:00', 'Europe/Berlin')).toBe('2026-12-05T20:00:00+01:00');
    expect(wallTimeToIso('2026-07-05T20:00', 'Europe/Berlin')).toBe('2026-07-05T20:00:00+02:00');
    expect(wallTimeToIso('2026-07-05T20:00', 'America/New_York')).toBe('2026-07-05T20:00:00-04:00');
    expect(wallTimeToIso('2026-07-05T20:00', 'Asia/Kolkata')).toBe('2026-07-05T20:00:00+05:30');
    expect(wallTimeToIso('2026-07-05T20:00', 'UTC')).toBe('2026-07-05T20:00:00+00:00');
  });

  it('moves a time that does not exist (clocks forward) on by the gap', () => {
    // 29 March 2026, Berlin: 02:00 -> 03:00.
    expect(wallTimeToIso('2026-03-29T02:30', 'Europe/Berlin')).toBe('2026-03-29T03:30:00+02:00');
    expect(wallTimeToIso('2026-03-29T01:59', 'Europe/Berlin')).toBe('2026-03-29T01:59:00+01:00');
    expect(wallTimeToIso('2026-03-29T03:00', 'Europe/Berlin')).toBe('2026-03-29T03:00:00+02:00');
  });

  it('takes the first of a time that happens twice (clocks back)', () => {
    // 25 October 2026, Berlin: 03:00 CEST -> 02:00 CET.
    expect(wallTimeToIso('2026-10-25T02:30', 'Europe/Berlin')).toBe('2026-10-25T02:30:00+02:00');
    expect(wallTimeToIso('2026-10-25T03:30', 'Europe/Berlin')).toBe('2026-10-25T03:30:00+01:00');
    // 1 November 2026, New York: 02:00 EDT -> 01:00 EST.
    expect(wallTimeToIso('2026-11-01T01:30', 'America/New_York')).toBe('2026-11-01T01:30:00-04:00');
  });

  it('keeps the instant', () => {
    const iso = wallTimeToIso('2026-12-05T20:00', 'Europe/Berlin');
    expect(new Date(iso).toISOString()).toBe('2026-12-05T19:00:00.000Z');
  });

  it('reads an API datetime as wall time in the event zone', () => {
    expect(isoToWallTime('2026-12-05T19:00:00Z', 'Europe/Berlin')).toBe('2026-12-05T20:00');
    expect(isoToWallTime('2026-12-05T20:00:00+01:00', 'America/New_York')).toBe('2026-12-05T14:00');
    expect(isoToWallTime(wallTimeToIso('2026-10-25T02:30', 'Europe/Berlin'), 'Europe/Berlin')).toBe(
      '2026-10-25T02:30',
    );
  });

  it('answers "" for empty, malformed input or an unknown zone', () => {
    expect(wallTimeToIso('', 'Europe/Berlin')).toBe('');
    expect(wallTimeToIso('2026-13-01T20:00', 'Europe/Berlin')).toBe('');
    expect(wallTimeToIso('2026-12-05T20:00', 'Mars/Olympus')).toBe('');
    expect(isoToWallTime('nonsense', 'Europe/Berlin')).toBe('');
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
    expect(isValidTimeZone('Europe/Berlin')).toBe(true);
  });

  it('describes the zone the form uses', () => {
    expect(describeTimeZone('Europe/Berlin', new Date('2026-12-05T12:00:00Z'))).toBe(
      'Europe/Berlin (CET, UTC+01:00)',
    );
    expect(describeTimeZone('Asia/Kolkata', new Date('2026-12-05T12:00:00Z'))).toMatch(
      /^Asia\/Kolkata \((IST, )?UTC\+05:30\)$/,
    );
  });
});

describe('one clock convention, every time with its zone', () => {
  it('shows door-log times to the second in the event zone, named', () => {
    // 12:02:05 UTC is 13:02:05 in Lisbon in summer (WEST), 12:02:05 in winter (WET).
    expect(formatEventTimeSeconds('2026-07-05T12:02:05Z', 'Europe/Lisbon')).toBe('13:02:05 WEST');
    expect(formatEventTimeSeconds('2026-12-05T12:02:05Z', 'Europe/Lisbon')).toBe('12:02:05 WET');
    expect(formatEventTimeSeconds('nonsense', 'Europe/Lisbon')).toBe('');
  });

  it('is 24-hour everywhere: no AM or PM, whatever the browser', () => {
    const evening = '2026-12-07T20:53:00Z';
    for (const text of [
      formatEventDateTime(evening, 'Europe/Lisbon', NOW),
      formatEventTimeSeconds(evening, 'Europe/Lisbon'),
      formatLocalDateTime(evening, NOW),
    ]) {
      expect(text).toMatch(/\b\d{2}:\d{2}\b/);
      expect(text).not.toMatch(/AM|PM/i);
    }
  });

  it('says only the time on the day itself, the date on another day (door)', () => {
    const now = new Date('2026-12-05T15:00:00Z');
    expect(formatEventTimeOrDate('2026-12-05T19:00:00Z', 'Europe/Berlin', now)).toBe('20:00 CET');
    expect(formatEventTimeOrDate('2026-12-06T19:00:00Z', 'Europe/Berlin', now)).toBe(
      'Sun 6 Dec, 20:00 CET',
    );
  });

  it("shows the viewer's own times in the viewer's zone, named", () => {
    // The browser runs in Auckland (see the top of this file).
    expect(formatLocalDateTime('2026-12-07T12:53:00Z', NOW)).toBe('Tue 8 Dec, 01:53 NZDT');
  });

  it('gives a bare clock for an axis and a day without a zone shift', () => {
    expect(formatEventClock('2026-12-05T19:05:00Z', 'Europe/Berlin')).toBe('20:05');
    expect(formatDay('2026-11-24')).toBe('24 Nov');
    expect(formatDay('garbage')).toBe('garbage');
  });
});
