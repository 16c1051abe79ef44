import { useMutation, useQueryClient } from '@tanstack/react-query';

import { waitingListQueryKey } from '@/features/bookings/api/get-waiting-list';
import { api } from '@/lib/api-client';

/** Leave a waiting list; an offer's held seats pass to the next person. Idempotent. */
export async function leaveWaitingList(id: number): Promise<void> {
  await api.delete(`/waiting-list/${String(id)}/`);
}

export function useLeaveWaitingList() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: leaveWaitingList,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: waitingListQueryKey }),
  });
}
