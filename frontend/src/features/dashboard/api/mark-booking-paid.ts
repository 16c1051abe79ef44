import { useMutation, useQueryClient } from '@tanstack/react-query';

import { bookingPaymentQueryKey } from '@/features/dashboard/api/get-booking-payment';
import { api } from '@/lib/api-client';
import type { Booking } from '@/types/api';

/** The organizer received a manual payment: the booking is confirmed and its tickets issued. */
export async function markBookingPaid(id: number): Promise<Booking> {
  const response = await api.post<Booking>(`/bookings/${String(id)}/mark-paid/`, {});
  return response.data;
}

export function useMarkBookingPaid(eventId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: markBookingPaid,
    onSuccess: (booking) => {
      queryClient.setQueryData(bookingPaymentQueryKey(booking.id), booking);
      // Tickets become valid and revenue moves: the list and the numbers change.
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: ['dashboard', 'attendees', eventId] }),
        queryClient.invalidateQueries({ queryKey: ['dashboard', 'analytics'] }),
      ]);
    },
  });
}
