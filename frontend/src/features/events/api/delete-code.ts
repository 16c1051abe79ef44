import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api-client';

/** Deletes a code nobody booked with; the server deactivates a used one instead. */
export async function deleteCode({ eventId, id }: { eventId: number; id: number }): Promise<void> {
  await api.delete(`/events/${String(eventId)}/codes/${String(id)}/`);
}

export function useDeleteCode(eventId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => deleteCode({ eventId, id }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['events', 'codes', eventId] }),
  });
}
