import { useMutation, useQueryClient } from '@tanstack/react-query';

import { bookingQueryKey } from '@/features/bookings/api/get-booking';
import type { BookingsList } from '@/features/bookings/api/get-bookings';
import { api } from '@/lib/api-client';
import type { Booking } from '@/types/api';

/** Idempotent: cancelling a cancelled booking answers the same cancelled booking. */
export async function cancelBooking(id: number): Promise<Booking> {
  const response = await api.post<Booking>(`/bookings/${String(id)}/cancel/`, {});
  return response.data;
}

export function useCancelBooking() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: cancelBooking,
    onSuccess: (booking) => {
      // Show the cancelled state at once, then refetch; freed seats change event availability.
      queryClient.setQueryData(bookingQueryKey(booking.id), booking);
      queryClient.setQueriesData<BookingsList>({ queryKey: ['bookings', 'list'] }, (list) =>
        list
          ? { ...list, results: list.results.map((b) => (b.id === booking.id ? booking : b)) }
          : list,
      );
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: ['bookings'] }),
        queryClient.invalidateQueries({ queryKey: ['events'] }),
      ]);
    },
  });
}
