import { useMutation, useQueryClient } from '@tanstack/react-query';

import { waitingListQueryKey } from '@/features/bookings/api/get-waiting-list';
import { api } from '@/lib/api-client';
import type { WaitingListEntry, WaitingListJoinRequest } from '@/types/api';

export interface JoinWaitingListArgs extends WaitingListJoinRequest {
  eventId: number;
}

/** Queue for a sold-out event (or ticket type): 409 `not_sold_out` while tickets are left. */
export async function joinWaitingList({
  eventId,
  ...body
}: JoinWaitingListArgs): Promise<WaitingListEntry> {
  const response = await api.post<WaitingListEntry>(
    `/events/${String(eventId)}/waiting-list/`,
    body,
  );
  return response.data;
}

export function useJoinWaitingList() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: joinWaitingList,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: waitingListQueryKey }),
    onError: () => queryClient.invalidateQueries({ queryKey: ['events'] }),
  });
}
