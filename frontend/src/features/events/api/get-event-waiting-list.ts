import { queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import type { EventWaitingListEntry } from '@/types/api';

/** The event's waiting list in the order people joined, with places and statuses (owner). */
export async function getEventWaitingList(event: number): Promise<EventWaitingListEntry[]> {
  const response = await api.get<EventWaitingListEntry[]>(`/events/${String(event)}/waiting-list/`);
  return response.data;
}

export const getEventWaitingListQueryOptions = (event: number) =>
  queryOptions({
    queryKey: ['events', 'waiting-list', event],
    queryFn: () => getEventWaitingList(event),
  });

export function useEventWaitingList(event: number) {
  return useQuery(getEventWaitingListQueryOptions(event));
}
