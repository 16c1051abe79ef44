import { queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import type { Event } from '@/types/api';

export async function getEvent(id: string): Promise<Event> {
  const response = await api.get<Event>(`/events/${encodeURIComponent(id)}/`);
  return response.data;
}

export const getEventQueryOptions = (id: string) =>
  queryOptions({
    queryKey: ['events', 'detail', id],
    queryFn: () => getEvent(id),
  });

export function useEvent(id: string) {
  return useQuery(getEventQueryOptions(id));
}
