import { useMutation, useQueryClient } from '@tanstack/react-query';

import { waitingListQueryKey } from '@/features/bookings/api/get-waiting-list';
import { api } from '@/lib/api-client';
import type { Booking, WaitingListAcceptRequest } from '@/types/api';

export interface AcceptOfferArgs extends WaitingListAcceptRequest {
  entryId: number;
}

/**
 * Book the seats a waiting-list offer holds: a free booking is confirmed, a priced one is a
 * hold to pay with the event's payment rules (the server picks its method when none is named).
 */
export async function acceptOffer({ entryId, ...body }: AcceptOfferArgs): Promise<Booking> {
  const response = await api.post<Booking>(`/waiting-list/${String(entryId)}/accept/`, body);
  return response.data;
}

export function useAcceptOffer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: acceptOffer,
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: waitingListQueryKey }),
        queryClient.invalidateQueries({ queryKey: ['bookings'] }),
        queryClient.invalidateQueries({ queryKey: ['events'] }),
      ]),
  });
}
