import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import type { Event, EventOrdering, Paginated } from '@/types/api';

export const EVENTS_PAGE_SIZE = 12;

export interface GetEventsParams {
  page?: number;
  search?: string;
  category?: string;
  /** ISO 8601 datetimes with offset. */
  startsAfter?: string;
  startsBefore?: string;
  ordering?: EventOrdering;
  /** `past`: events that have ended, most recent first. */
  when?: 'upcoming' | 'past';
}

/** Published, not-ended events, soonest first (or ended ones with `when: 'past'`). */
export async function getEvents({
  page = 1,
  search = '',
  category = '',
  startsAfter = '',
  startsBefore = '',
  ordering,
  when,
}: GetEventsParams = {}): Promise<Paginated<Event>> {
  const response = await api.get<Paginated<Event>>('/events/', {
    params: {
      page,
      page_size: EVENTS_PAGE_SIZE,
      search: search || undefined,
      category: category || undefined,
      starts_after: startsAfter || undefined,
      starts_before: startsBefore || undefined,
      ordering,
      when: when === 'past' ? 'past' : undefined,
    },
  });
  return response.data;
}

export const getEventsQueryOptions = (params: GetEventsParams = {}) =>
  queryOptions({
    queryKey: ['events', 'list', params],
    queryFn: () => getEvents(params),
    placeholderData: keepPreviousData,
  });

export function useEvents(params: GetEventsParams = {}) {
  return useQuery(getEventsQueryOptions(params));
}
