import { queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import type { Booking } from '@/types/api';

export async function getBooking(id: number): Promise<Booking> {
  const response = await api.get<Booking>(`/bookings/${String(id)}/`);
  return response.data;
}

export const getBookingQueryOptions = (id: number) =>
  queryOptions({
    queryKey: ['bookings', 'detail', id],
    queryFn: () => getBooking(id),
  });

export function useBooking(id: number) {
  return useQuery(getBookingQueryOptions(id));
}
