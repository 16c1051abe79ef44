import { queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import type { Booking } from '@/types/api';

/** A booking of one of the organizer's events, for its payment state (GET /bookings/{id}/). */
export async function getBookingPayment(id: number): Promise<Booking> {
  const response = await api.get<Booking>(`/bookings/${String(id)}/`);
  return response.data;
}

export const bookingPaymentQueryKey = (id: number) => ['dashboard', 'booking', id] as const;

export const getBookingPaymentQueryOptions = (id: number) =>
  queryOptions({
    queryKey: bookingPaymentQueryKey(id),
    queryFn: () => getBookingPayment(id),
  });

export function useBookingPayment(id: number) {
  return useQuery(getBookingPaymentQueryOptions(id));
}
