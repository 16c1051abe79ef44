import { useMutation, useQueryClient } from '@tanstack/react-query';

import { bookingQueryKey } from '@/features/bookings/api/get-booking';
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
      queryClient.setQueriesData<Booking[]>({ queryKey: ['bookings', 'list'] }, (bookings) =>
        bookings?.map((b) => (b.id === booking.id ? booking : b)),
      );
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: ['bookings'] }),
        queryClient.invalidateQueries({ queryKey: ['events'] }),
      ]);
    },
  });
}
