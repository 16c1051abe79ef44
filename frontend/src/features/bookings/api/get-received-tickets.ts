import { queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import type { HeldTicket, Paginated } from '@/types/api';

/** The API's largest page: more tickets received by transfer than anyone holds. */
const PAGE_SIZE = 100;

/**
 * The tickets someone transferred to the signed-in user (their bookings are the senders'),
 * soonest event first. Those of the user's own bookings come with the bookings.
 */
export async function getReceivedTickets(): Promise<HeldTicket[]> {
  const response = await api.get<Paginated<HeldTicket>>('/tickets/', {
    params: { page_size: PAGE_SIZE },
  });
  return response.data.results
    .filter((ticket) => ticket.received_by_transfer)
    .sort((a, b) => Date.parse(a.event.starts_at) - Date.parse(b.event.starts_at));
}

export const receivedTicketsQueryOptions = () =>
  queryOptions({ queryKey: ['tickets', 'received'], queryFn: getReceivedTickets });

export function useReceivedTickets() {
  return useQuery(receivedTicketsQueryOptions());
}
