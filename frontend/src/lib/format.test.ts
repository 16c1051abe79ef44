import { describe, expect, it } from 'vitest';

import { formatSold } from '@/lib/format';

describe('formatSold', () => {
  it('says sold, then pending apart, then of how many', () => {
    expect(formatSold(4, 1, 30)).toBe('4 sold, 1 pending / 30');
    expect(formatSold(4, 0, 30)).toBe('4 sold / 30');
    expect(formatSold(0, 2)).toBe('0 sold, 2 pending');
    expect(formatSold(3, 0, null)).toBe('3 sold');
  });
});
