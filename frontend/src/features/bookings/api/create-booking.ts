import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import type { ClientErrorCode } from '@/lib/errors';
import type { Booking, BookTicketRequest } from '@/types/api';

export interface CreateBookingArgs extends BookTicketRequest {
  /**
   * One per submission attempt; the same key when retrying that submission after a network
   * error, so the server answers the retry with the first booking instead of a second one.
   */
  idempotencyKey: string;
}

export async function createBooking({
  idempotencyKey,
  ...data
}: CreateBookingArgs): Promise<Booking> {
  const response = await api.post<Booking>('/book-ticket/', data, {
    headers: { 'Idempotency-Key': idempotencyKey },
  });
  return response.data;
}

/** Codes after which the event's availability or status shown on the page is out of date. */
const STALE_EVENT_CODES = new Set<ClientErrorCode>([
  'sold_out',
  'capacity_exceeded',
  'event_not_bookable',
  'ticket_type_sold_out',
  'sales_not_open',
  'sales_closed',
]);

export function useCreateBooking() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createBooking,
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['bookings'] }),
        queryClient.invalidateQueries({ queryKey: ['events'] }),
      ]),
    onError: (error) => {
      if (STALE_EVENT_CODES.has(error.code)) {
        void queryClient.invalidateQueries({ queryKey: ['events'] });
      }
    },
  });
}
