import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import type { Event, Paginated } from '@/types/api';

export const MY_EVENTS_PAGE_SIZE = 20;

/** The signed-in organizer's own events, in any status. */
export async function getMyEvents({ page = 1 }: { page?: number } = {}): Promise<Paginated<Event>> {
  const response = await api.get<Paginated<Event>>('/events/', {
    params: { mine: true, page, page_size: MY_EVENTS_PAGE_SIZE },
  });
  return response.data;
}

export const getMyEventsQueryOptions = ({ page = 1 }: { page?: number } = {}) =>
  queryOptions({
    queryKey: ['events', 'mine', { page }],
    queryFn: () => getMyEvents({ page }),
    placeholderData: keepPreviousData,
  });

export function useMyEvents(params: { page?: number } = {}) {
  return useQuery(getMyEventsQueryOptions(params));
}
