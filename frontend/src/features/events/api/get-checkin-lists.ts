import { queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import type { CheckinList } from '@/types/api';

/** The event's check-in lists, Entry first, each with its types and admissions. */
export async function getCheckinLists(eventId: number): Promise<CheckinList[]> {
  const response = await api.get<CheckinList[]>(`/events/${String(eventId)}/checkin-lists/`);
  return response.data;
}

export const checkinListsQueryOptions = (eventId: number) =>
  queryOptions({
    queryKey: ['events', eventId, 'checkin-lists'],
    queryFn: () => getCheckinLists(eventId),
  });

export function useCheckinLists(eventId: number) {
  return useQuery(checkinListsQueryOptions(eventId));
}
