import { queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import type { Code } from '@/types/api';

/** The event's discount and access codes, with their uses (its organizer only). */
export async function getCodes(eventId: number): Promise<Code[]> {
  const response = await api.get<Code[]>(`/events/${String(eventId)}/codes/`);
  return response.data;
}

export const getCodesQueryOptions = (eventId: number) =>
  queryOptions({
    queryKey: ['events', 'codes', eventId],
    queryFn: () => getCodes(eventId),
  });

export function useCodes(eventId: number) {
  return useQuery(getCodesQueryOptions(eventId));
}
