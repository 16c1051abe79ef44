import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import type { Event, Paginated } from '@/types/api';

export const EVENTS_PAGE_SIZE = 12;

export interface GetEventsParams {
  page?: number;
  search?: string;
}

/** Published, not-ended events, soonest first. */
export async function getEvents({ page = 1, search = '' }: GetEventsParams = {}): Promise<
  Paginated<Event>
> {
  const response = await api.get<Paginated<Event>>('/events/', {
    params: { page, page_size: EVENTS_PAGE_SIZE, search: search || undefined },
  });
  return response.data;
}

export const getEventsQueryOptions = ({ page = 1, search = '' }: GetEventsParams = {}) =>
  queryOptions({
    queryKey: ['events', 'list', { page, search }],
    queryFn: () => getEvents({ page, search }),
    placeholderData: keepPreviousData,
  });

export function useEvents(params: GetEventsParams = {}) {
  return useQuery(getEventsQueryOptions(params));
}
