import { queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import type { Event } from '@/types/api';

/** One event, for the title and sold/capacity of its live door page. */
export async function getDoorEvent(id: string): Promise<Event> {
  const response = await api.get<Event>(`/events/${encodeURIComponent(id)}/`);
  return response.data;
}

export const getDoorEventQueryOptions = (id: string) =>
  queryOptions({
    queryKey: ['events', 'detail', id],
    queryFn: () => getDoorEvent(id),
  });

export function useDoorEvent(id: string) {
  return useQuery(getDoorEventQueryOptions(id));
}
