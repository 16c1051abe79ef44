import { queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import type { EventMessage } from '@/types/api';

/** What the organizer wrote to the event's ticket holders, newest first. */
export async function getEventMessages(event: number): Promise<EventMessage[]> {
  const response = await api.get<EventMessage[]>(`/events/${String(event)}/messages/`);
  return response.data;
}

export const getEventMessagesQueryOptions = (event: number) =>
  queryOptions({
    queryKey: ['events', 'messages', event],
    queryFn: () => getEventMessages(event),
  });

export function useEventMessages(event: number) {
  return useQuery(getEventMessagesQueryOptions(event));
}
