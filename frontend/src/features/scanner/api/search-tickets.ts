import { queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import type { Paginated, TicketSearchResult } from '@/types/api';

export const SEARCH_PAGE_SIZE = 20;
/** The server needs at least this many characters. */
export const SEARCH_MIN_LENGTH = 3;

/**
 * Door staff: tickets of the event by holder name, whole e-mail address or backup code. The
 * server never shows e-mail addresses and masks backup codes to their last four characters.
 */
export async function searchTickets(
  event: number,
  q: string,
): Promise<Paginated<TicketSearchResult>> {
  const response = await api.get<Paginated<TicketSearchResult>>('/attendance/search/', {
    params: { event, q, page_size: SEARCH_PAGE_SIZE },
  });
  return response.data;
}

export const searchTicketsQueryOptions = (event: number, q: string) =>
  queryOptions({
    queryKey: ['attendance', 'search', event, q],
    queryFn: () => searchTickets(event, q),
    staleTime: 5_000,
  });

export function useTicketSearch(event: number, q: string, { enabled }: { enabled: boolean }) {
  return useQuery({
    ...searchTicketsQueryOptions(event, q),
    enabled: enabled && q.trim().length >= SEARCH_MIN_LENGTH,
  });
}
