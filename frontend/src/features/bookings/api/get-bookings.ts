import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import { useAuth } from '@/lib/auth/context';
import { NETWORK_ERROR, toApiError } from '@/lib/errors';
import { loadForUser, saveForUser } from '@/lib/offline-data';
import type { Booking, Paginated } from '@/types/api';

export const BOOKINGS_PAGE_SIZE = 10;

/** A page of bookings; `offlineSince` when it is this device's copy, shown with no network. */
export type BookingsPage = Paginated<Booking> & { offlineSince?: string };

/**
 * The signed-in attendee's bookings, newest first, each with its tickets. Every answer is
 * kept on the device under the user's id; with no network the last copy is shown instead.
 */
export async function getBookings({
  page = 1,
  userId,
}: { page?: number; userId?: number } = {}): Promise<BookingsPage> {
  const key = `bookings:${String(page)}`;
  try {
    const response = await api.get<Paginated<Booking>>('/bookings/', {
      params: { page, page_size: BOOKINGS_PAGE_SIZE },
    });
    if (userId !== undefined) await saveForUser(userId, key, response.data);
    return response.data;
  } catch (caught) {
    const error = toApiError(caught);
    if (error.code !== NETWORK_ERROR || userId === undefined) throw error;
    const saved = await loadForUser<Paginated<Booking>>(userId, key);
    if (!saved) throw error;
    return { ...saved.value, offlineSince: saved.savedAt };
  }
}

export const getBookingsQueryOptions = ({
  page = 1,
  userId,
}: { page?: number; userId?: number } = {}) =>
  queryOptions({
    queryKey: ['bookings', 'list', { page }, userId ?? null],
    queryFn: () => getBookings({ page, userId }),
    placeholderData: keepPreviousData,
    // Run even when the browser says offline: the fetcher answers from the device's copy.
    networkMode: 'always',
  });

export function useBookings(params: { page?: number } = {}) {
  const { user } = useAuth();
  return useQuery(getBookingsQueryOptions({ ...params, userId: user?.id }));
}
