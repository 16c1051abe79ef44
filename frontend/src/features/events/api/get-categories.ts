import { queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';

/** Categories of published upcoming events, for the list filter. */
export async function getCategories(): Promise<string[]> {
  const response = await api.get<string[]>('/events/categories/');
  return response.data;
}

export const getCategoriesQueryOptions = () =>
  queryOptions({
    queryKey: ['events', 'categories'],
    queryFn: getCategories,
    staleTime: 5 * 60_000,
  });

export function useCategories() {
  return useQuery(getCategoriesQueryOptions());
}
