import { useMutation, useQueryClient } from '@tanstack/react-query';

import { bookingPaymentQueryKey } from '@/features/dashboard/api/get-booking-payment';
import { api } from '@/lib/api-client';
import type { Booking } from '@/types/api';

/** The organizer paid back a cancelled manual booking: its refund is no longer pending. */
export async function markBookingRefunded(id: number): Promise<Booking> {
  const response = await api.post<Booking>(`/bookings/${String(id)}/mark-refunded/`, {});
  return response.data;
}

export function useMarkBookingRefunded() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: markBookingRefunded,
    onSuccess: (booking) => {
      queryClient.setQueryData(bookingPaymentQueryKey(booking.id), booking);
      return queryClient.invalidateQueries({ queryKey: ['dashboard', 'analytics'] });
    },
  });
}
