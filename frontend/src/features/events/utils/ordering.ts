import type { EventOrdering } from '@/types/api';

export const ORDERING_OPTIONS: { value: EventOrdering; label: string }[] = [
  { value: 'starts_at', label: 'Soonest first' },
  { value: '-starts_at', label: 'Latest first' },
  { value: 'price', label: 'Price: low to high' },
  { value: '-price', label: 'Price: high to low' },
  { value: 'title', label: 'Title A–Z' },
];

export const DEFAULT_ORDERING: EventOrdering = 'starts_at';

export function isOrdering(value: string | null): value is EventOrdering {
  return ORDERING_OPTIONS.some((option) => option.value === value);
}
