import { queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import type { Event, Paginated } from '@/types/api';

export const DOOR_EVENTS_PAGE_SIZE = 50;

/** Events the caller may scan (own, door staff of, or any as admin), not ended, soonest first. */
export async function getDoorEvents(): Promise<Paginated<Event>> {
  const response = await api.get<Paginated<Event>>('/events/', {
    params: { door: true, page_size: DOOR_EVENTS_PAGE_SIZE },
  });
  return response.data;
}

export const getDoorEventsQueryOptions = () =>
  queryOptions({
    queryKey: ['events', 'door'],
    queryFn: getDoorEvents,
    // Fail rather than wait when offline: the setup then offers the events on this device.
    networkMode: 'always',
  });

export function useDoorEvents({ enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({ ...getDoorEventsQueryOptions(), enabled });
}
