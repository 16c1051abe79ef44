import { queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import type { EventAnalytics } from '@/types/api';

/** One event's numbers, curves and gates; 404 `not_found` when it is not the caller's. */
export async function getEventAnalytics(event: number): Promise<EventAnalytics> {
  const response = await api.get<EventAnalytics>('/admin/analytics/', { params: { event } });
  return response.data;
}

export const eventAnalyticsQueryKey = (event: number) =>
  ['dashboard', 'analytics', 'event', event] as const;

export const getEventAnalyticsQueryOptions = (event: number) =>
  queryOptions({
    queryKey: eventAnalyticsQueryKey(event),
    queryFn: () => getEventAnalytics(event),
    // Live updates invalidate it; between them a few seconds of staleness are fine.
    staleTime: 5_000,
  });

export function useEventAnalytics(event: number) {
  return useQuery(getEventAnalyticsQueryOptions(event));
}
