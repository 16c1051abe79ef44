import { queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import { useAuth } from '@/lib/auth/context';
import { NETWORK_ERROR, toApiError } from '@/lib/errors';
import { loadForUser, saveForUser } from '@/lib/offline-data';
import type { Booking, Paginated } from '@/types/api';

/** The API's largest page: one request for nearly every attendee. */
export const BOOKINGS_PAGE_SIZE = 100;
/** Enough for 2,000 bookings; past that the oldest are not shown (never a runaway loop). */
const MAX_PAGES = 20;
/** Where this device keeps its copy of the user's bookings (under the user's id). */
const OFFLINE_KEY = 'bookings:all';

/** All of the attendee's bookings; `offlineSince` when it is this device's copy, shown with no network. */
export interface BookingsList {
  results: Booking[];
  offlineSince?: string;
}

/** One page of the signed-in attendee's bookings, newest first, each with its tickets. */
export async function getBookings({ page = 1 }: { page?: number } = {}): Promise<
  Paginated<Booking>
> {
  const response = await api.get<Paginated<Booking>>('/bookings/', {
    params: { page, page_size: BOOKINGS_PAGE_SIZE },
  });
  return response.data;
}

async function fetchAllPages(): Promise<Booking[]> {
  const bookings: Booking[] = [];
  for (let page = 1; page <= MAX_PAGES; page++) {
    const data = await getBookings({ page });
    bookings.push(...data.results);
    if (data.next === null) break;
  }
  return bookings;
}

/**
 * All of the attendee's bookings. My tickets sorts them by when the event happens (tonight's
 * first), which the API's order by booking date cannot give page by page. Every answer is
 * kept on the device under the user's id; with no network the last copy is shown instead.
 */
export async function getAllBookings({ userId }: { userId?: number } = {}): Promise<BookingsList> {
  try {
    const results = await fetchAllPages();
    if (userId !== undefined) await saveForUser(userId, OFFLINE_KEY, results);
    return { results };
  } catch (caught) {
    const error = toApiError(caught);
    if (error.code !== NETWORK_ERROR || userId === undefined) throw error;
    const saved = await loadForUser<Booking[]>(userId, OFFLINE_KEY);
    if (!saved) throw error;
    return { results: saved.value, offlineSince: saved.savedAt };
  }
}

export const getAllBookingsQueryOptions = ({ userId }: { userId?: number } = {}) =>
  queryOptions({
    queryKey: ['bookings', 'list', 'all', userId ?? null],
    queryFn: () => getAllBookings({ userId }),
    // Run even when the browser says offline: the fetcher answers from the device's copy.
    networkMode: 'always',
  });

export function useAllBookings({ enabled = true }: { enabled?: boolean } = {}) {
  const { user } = useAuth();
  return useQuery({ ...getAllBookingsQueryOptions({ userId: user?.id }), enabled });
}
