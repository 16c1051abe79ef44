import { queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import type { Event } from '@/types/api';

/** The event as a code shows it: the code's terms (`code`) and the hidden types it unlocks.
 * 400 code_invalid / 409 code_used_up for a code that cannot be used. */
export async function getEventWithCode(eventId: number, code: string): Promise<Event> {
  const response = await api.get<Event>(`/events/${String(eventId)}/`, { params: { code } });
  return response.data;
}

export const getEventWithCodeQueryOptions = (eventId: number, code: string) =>
  queryOptions({
    queryKey: ['events', 'detail', String(eventId), 'code', code],
    queryFn: () => getEventWithCode(eventId, code),
    retry: false,
  });

/** The event with `code` applied; idle while no code is given. */
export function useEventWithCode(eventId: number, code: string | null) {
  return useQuery({
    ...getEventWithCodeQueryOptions(eventId, code ?? ''),
    enabled: code !== null && code !== '',
  });
}
