import { phaseLabel } from '@/lib/event-phase';

const STARTS = '2026-12-05T20:00:00Z';
const at = (iso: string) => new Date(iso).getTime();

describe('phaseLabel', () => {
  it('says "Check-in open" while check-in is open but the event has not begun', () => {
    expect(phaseLabel('live', STARTS, at('2026-12-05T19:00:00Z'))).toBe('Check-in open');
  });

  it('says "Live now" only from the start', () => {
    expect(phaseLabel('live', STARTS, at('2026-12-05T20:00:00Z'))).toBe('Live now');
    expect(phaseLabel('live', STARTS, at('2026-12-05T22:00:00Z'))).toBe('Live now');
  });

  it('names the other phases whatever the time', () => {
    expect(phaseLabel('on_sale', STARTS, at('2026-12-05T19:00:00Z'))).toBe('On sale');
    expect(phaseLabel('ended', STARTS, at('2026-12-06T01:00:00Z'))).toBe('Ended');
    expect(phaseLabel('draft', STARTS)).toBe('Draft');
    expect(phaseLabel('sold_out', STARTS)).toBe('Sold out');
    expect(phaseLabel('cancelled', STARTS)).toBe('Cancelled');
  });
});
