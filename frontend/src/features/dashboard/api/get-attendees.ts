import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import type { Attendee, AttendeeListParams, Paginated } from '@/types/api';

export const ATTENDEES_PAGE_SIZE = 25;

/** The event's tickets with their holders and check-in state, by ticket id. */
export async function getAttendees({
  event,
  search = '',
  page = 1,
  page_size = ATTENDEES_PAGE_SIZE,
}: AttendeeListParams): Promise<Paginated<Attendee>> {
  const response = await api.get<Paginated<Attendee>>(`/admin/events/${String(event)}/attendees/`, {
    params: { search: search || undefined, page, page_size },
  });
  return response.data;
}

export const attendeesQueryKey = (event: number) => ['dashboard', 'attendees', event] as const;

export const getAttendeesQueryOptions = (params: AttendeeListParams) =>
  queryOptions({
    queryKey: [...attendeesQueryKey(params.event), params],
    queryFn: () => getAttendees(params),
    placeholderData: keepPreviousData,
    staleTime: 5_000,
  });

export function useAttendees(params: AttendeeListParams) {
  return useQuery(getAttendeesQueryOptions(params));
}
