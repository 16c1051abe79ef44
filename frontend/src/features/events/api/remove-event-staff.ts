import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api-client';

/** Withdraw an invitation or remove door staff: `staffId` is the entry's `id` in the list. */
export async function removeEventStaff({
  eventId,
  staffId,
}: {
  eventId: number;
  staffId: number;
}): Promise<void> {
  await api.delete(`/events/${String(eventId)}/staff/${String(staffId)}/`);
}

export function useRemoveEventStaff(eventId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (staffId: number) => removeEventStaff({ eventId, staffId }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['events', 'staff', eventId] }),
  });
}
