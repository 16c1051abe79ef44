import { queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import type { Booking, Paginated } from '@/types/api';

/** The API's largest page: one request for nearly every attendee. */
export const BOOKINGS_PAGE_SIZE = 100;
/** Enough for 2,000 bookings; past that the oldest are not shown (never a runaway loop). */
const MAX_PAGES = 20;

/** One page of the signed-in attendee's bookings, newest first, each with its tickets. */
export async function getBookings({ page = 1 }: { page?: number } = {}): Promise<
  Paginated<Booking>
> {
  const response = await api.get<Paginated<Booking>>('/bookings/', {
    params: { page, page_size: BOOKINGS_PAGE_SIZE },
  });
  return response.data;
}

/**
 * All of the attendee's bookings. My tickets sorts them by when the event happens (tonight's
 * first), which the API's order by booking date cannot give page by page.
 */
export async function getAllBookings(): Promise<Booking[]> {
  const bookings: Booking[] = [];
  for (let page = 1; page <= MAX_PAGES; page++) {
    const data = await getBookings({ page });
    bookings.push(...data.results);
    if (data.next === null) break;
  }
  return bookings;
}

export const getAllBookingsQueryOptions = () =>
  queryOptions({
    queryKey: ['bookings', 'list', 'all'],
    queryFn: getAllBookings,
  });

export function useAllBookings({ enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({ ...getAllBookingsQueryOptions(), enabled });
}
