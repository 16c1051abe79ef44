import { queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import type { EventWaitingListEntry } from '@/types/api';

/** The event's waiting list (its organizer's), for the dashboard's summary of it. */
export async function getEventWaitingList(event: number): Promise<EventWaitingListEntry[]> {
  const response = await api.get<EventWaitingListEntry[]>(`/events/${String(event)}/waiting-list/`);
  return response.data;
}

export function useEventWaitingList(event: number) {
  return useQuery(
    queryOptions({
      queryKey: ['events', 'waiting-list', event],
      queryFn: () => getEventWaitingList(event),
    }),
  );
}
