import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api-client';

export async function removeEventStaff({
  eventId,
  userId,
}: {
  eventId: number;
  userId: number;
}): Promise<void> {
  await api.delete(`/events/${String(eventId)}/staff/${String(userId)}/`);
}

export function useRemoveEventStaff(eventId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (userId: number) => removeEventStaff({ eventId, userId }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['events', 'staff', eventId] }),
  });
}
