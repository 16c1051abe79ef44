import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import type { Booking, Paginated } from '@/types/api';

export const BOOKINGS_PAGE_SIZE = 10;

/** The signed-in attendee's bookings, newest first, each with its tickets. */
export async function getBookings({ page = 1 }: { page?: number } = {}): Promise<
  Paginated<Booking>
> {
  const response = await api.get<Paginated<Booking>>('/bookings/', {
    params: { page, page_size: BOOKINGS_PAGE_SIZE },
  });
  return response.data;
}

export const getBookingsQueryOptions = ({ page = 1 }: { page?: number } = {}) =>
  queryOptions({
    queryKey: ['bookings', 'list', { page }],
    queryFn: () => getBookings({ page }),
    placeholderData: keepPreviousData,
  });

export function useBookings(params: { page?: number } = {}) {
  return useQuery(getBookingsQueryOptions(params));
}
