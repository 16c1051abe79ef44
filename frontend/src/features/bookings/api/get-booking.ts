import { queryOptions, useQuery } from '@tanstack/react-query';

import { confirmPayment } from '@/features/bookings/api/confirm-payment';
import { api } from '@/lib/api-client';
import type { Booking } from '@/types/api';

/** One of the signed-in attendee's bookings; reading it also ends a hold that ran out. */
export async function getBooking(id: number): Promise<Booking> {
  const response = await api.get<Booking>(`/bookings/${String(id)}/`);
  return response.data;
}

export const bookingQueryKey = (id: number) => ['bookings', 'detail', id] as const;

/** While a payment is being confirmed, look often; while it only waits, now and then. */
export const CONFIRMING_POLL_MS = 1_500;
export const PENDING_POLL_MS = 15_000;

export const getBookingQueryOptions = (id: number, { confirming = false } = {}) =>
  queryOptions({
    queryKey: bookingQueryKey(id),
    // While a card payment is being confirmed, each look asks the server to ask Stripe: the
    // booking settles even when Stripe's webhook never comes.
    queryFn: () => (confirming ? confirmPayment(id) : getBooking(id)),
    // A pending booking changes on the server by itself: paid (webhook, organizer), expired.
    refetchInterval: (query) =>
      query.state.data?.status === 'pending_payment'
        ? confirming
          ? CONFIRMING_POLL_MS
          : PENDING_POLL_MS
        : false,
  });

export function useBooking(id: number, options: { confirming?: boolean } = {}) {
  return useQuery(getBookingQueryOptions(id, options));
}
