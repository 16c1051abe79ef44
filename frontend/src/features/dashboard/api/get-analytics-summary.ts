import { queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import type { AnalyticsSummary } from '@/types/api';

/** Totals over the caller's events and one row per event (admins: every event). */
export async function getAnalyticsSummary(): Promise<AnalyticsSummary> {
  const response = await api.get<AnalyticsSummary>('/admin/analytics/');
  return response.data;
}

export const analyticsSummaryQueryKey = ['dashboard', 'analytics', 'summary'] as const;

export const getAnalyticsSummaryQueryOptions = () =>
  queryOptions({
    queryKey: analyticsSummaryQueryKey,
    queryFn: getAnalyticsSummary,
  });

export function useAnalyticsSummary() {
  return useQuery(getAnalyticsSummaryQueryOptions());
}
