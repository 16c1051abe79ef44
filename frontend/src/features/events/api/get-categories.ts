import { queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import type { EventCategory } from '@/types/api';

/** The managed category list: `value` for the API, `label` for people. */
export async function getCategories(): Promise<EventCategory[]> {
  const response = await api.get<EventCategory[]>('/events/categories/');
  return response.data;
}

export const getCategoriesQueryOptions = () =>
  queryOptions({
    queryKey: ['events', 'categories'],
    queryFn: getCategories,
    staleTime: 60 * 60_000,
  });

export function useCategories() {
  return useQuery(getCategoriesQueryOptions());
}
