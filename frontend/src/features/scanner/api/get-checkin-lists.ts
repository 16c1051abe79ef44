import { queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import type { CheckinList } from '@/types/api';

/** The event's check-in lists (Entry first), for door staff to pick the one they scan on. */
export async function getCheckinLists(eventId: number): Promise<CheckinList[]> {
  const response = await api.get<CheckinList[]>(`/events/${String(eventId)}/checkin-lists/`);
  return response.data;
}

export const getCheckinListsQueryOptions = (eventId: number) =>
  queryOptions({
    queryKey: ['events', eventId, 'checkin-lists'],
    queryFn: () => getCheckinLists(eventId),
  });

export function useCheckinLists(eventId: number | null) {
  return useQuery({ ...getCheckinListsQueryOptions(eventId ?? 0), enabled: eventId !== null });
}
