import {
  attendeeStatusText,
  fillSalesDays,
  formatRate,
  formatNoShows,
  formatRevenueByCurrency,
  withLiveCounters,
} from '@/features/dashboard/utils/format';
import { makeAttendee, makeCounters, makeEventAnalytics } from '@/testing/test-utils';

describe('dashboard formatting', () => {
  it('derives no-shows and the rate from live counters, keeping what is sold', () => {
    // The door's tickets_sold counts seats (holds awaiting payment too): not what is sold.
    const next = withLiveCounters(
      makeEventAnalytics({ sold: 8, tickets_sold: 8, tickets_available: 2 }),
      makeCounters({ checked_in: 3, tickets_sold: 9, capacity: 10 }),
    );
    expect(next).toMatchObject({
      checked_in: 3,
      sold: 8,
      tickets_sold: 8,
      capacity: 10,
      tickets_available: 2,
      no_shows: 5,
      checkin_rate: 0.375,
    });
    expect(
      withLiveCounters(makeEventAnalytics({ sold: 0 }), makeCounters({ checked_in: 0 }))
        .checkin_rate,
    ).toBe(0);
  });

  it('takes who is inside, in total and per gate, from live counters', () => {
    const next = withLiveCounters(
      makeEventAnalytics(),
      makeCounters({ checked_in: 12, inside: 8, by_gate: [{ gate: 'North', inside: 8 }] }),
    );
    expect(next.inside).toBe(8);
    expect(next.by_gate).toEqual([
      { gate: 'North', count: 7, inside: 8 },
      { gate: 'South', count: 3, inside: 0 },
    ]);
  });

  it('keeps no-shows unknown before the event is over, even after a live scan', () => {
    const before = withLiveCounters(
      makeEventAnalytics({ no_shows: null }),
      makeCounters({ checked_in: 3, tickets_sold: 8 }),
    );
    expect(before.no_shows).toBeNull();
    expect(formatNoShows(null)).toBe('—');
    expect(formatNoShows(4)).toBe('4');
  });

  it('formats revenue per currency, never as a sum across currencies', () => {
    expect(formatRevenueByCurrency([{ currency: 'EUR', amount: '10.00' }])).toBe('€10.00');
    expect(
      formatRevenueByCurrency([
        { currency: 'EUR', amount: '10.00' },
        { currency: 'USD', amount: '5.50' },
      ]),
    ).toBe('€10.00 · $5.50');
    expect(formatRevenueByCurrency([], 'EUR')).toBe('€0.00');
    expect(formatRevenueByCurrency([])).toBe('0.00');
  });

  it('formats rates and attendee states', () => {
    expect(formatRate(0.6667)).toBe('67%');
    expect(attendeeStatusText(makeAttendee(1), 'Europe/Lisbon')).toBe('Not yet');
    expect(attendeeStatusText(makeAttendee(1, { status: 'cancelled' }), 'Europe/Lisbon')).toBe(
      'Cancelled',
    );
    // In the event's zone, named, on the 24-hour clock, whatever zone the browser is in.
    const checkedIn = makeAttendee(1, { checked_in_at: '2099-07-01T12:05:00Z' });
    expect(attendeeStatusText(checkedIn, 'Europe/Lisbon')).toBe('Checked in at 13:05 WEST');
    expect(attendeeStatusText(checkedIn, 'America/New_York')).toBe('Checked in at 08:05 EDT');
  });

  it('fills days without sales with zeros', () => {
    expect(
      fillSalesDays([
        { date: '2026-02-27', count: 2 },
        { date: '2026-03-02', count: 5 },
      ]),
    ).toEqual([
      { date: '2026-02-27', count: 2 },
      { date: '2026-02-28', count: 0 },
      { date: '2026-03-01', count: 0 },
      { date: '2026-03-02', count: 5 },
    ]);
    expect(fillSalesDays([])).toEqual([]);
  });
});
