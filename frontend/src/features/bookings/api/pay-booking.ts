import { useMutation, useQueryClient } from '@tanstack/react-query';

import { bookingQueryKey } from '@/features/bookings/api/get-booking';
import { api } from '@/lib/api-client';
import type { Booking, PayRequest } from '@/types/api';

export interface PayBookingArgs extends PayRequest {
  id: number;
}

/**
 * Pay a pending booking with a Stripe PaymentMethod id; the server charges it. The answer is
 * the booking: confirmed, or still pending with `payment.next_action` for 3-D Secure.
 * A declined card is 402 `payment_declined`; the hold still stands, so the buyer may retry.
 */
export async function payBooking({ id, ...data }: PayBookingArgs): Promise<Booking> {
  const response = await api.post<Booking>(`/bookings/${String(id)}/pay/`, data);
  return response.data;
}

export function usePayBooking() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: payBooking,
    onSuccess: (booking) => {
      queryClient.setQueryData(bookingQueryKey(booking.id), booking);
      return queryClient.invalidateQueries({ queryKey: ['bookings', 'list'] });
    },
    onError: (_error, { id }) => queryClient.invalidateQueries({ queryKey: bookingQueryKey(id) }),
  });
}
