import { describe, expect, it } from 'vitest';

import { formatBackupCode, formatCountdown, formatSold } from '@/lib/format';

describe('formatBackupCode', () => {
  it('groups a backup code 4-4 for reading aloud and typing', () => {
    expect(formatBackupCode('7KQMR2XD')).toBe('7KQM-R2XD');
  });

  it('keeps a code already grouped, whatever its case or spaces', () => {
    expect(formatBackupCode('7kqm-r2xd')).toBe('7KQM-R2XD');
    expect(formatBackupCode('7KQM R2XD')).toBe('7KQM-R2XD');
  });

  it('leaves anything that is not an 8-character code as it is', () => {
    expect(formatBackupCode('ABC')).toBe('ABC');
    expect(formatBackupCode('')).toBe('');
  });
});

describe('formatCountdown', () => {
  it('counts down minutes and seconds, hours past an hour', () => {
    expect(formatCountdown(65_000)).toBe('1:05');
    expect(formatCountdown(2 * 3_600_000 + 4 * 60_000 + 9_000)).toBe('2:04:09');
    expect(formatCountdown(-5)).toBe('0:00');
  });
});

describe('formatSold', () => {
  it('says sold, then pending apart, then of how many', () => {
    expect(formatSold(4, 1, 30)).toBe('4 sold, 1 pending / 30');
    expect(formatSold(4, 0, 30)).toBe('4 sold / 30');
    expect(formatSold(0, 2)).toBe('0 sold, 2 pending');
    expect(formatSold(3, 0, null)).toBe('3 sold');
  });
});
