import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api-client';

/** Entry cannot be deleted: 409 `entry_list_required`. */
export async function deleteCheckinList({
  eventId,
  id,
}: {
  eventId: number;
  id: number;
}): Promise<void> {
  await api.delete(`/events/${String(eventId)}/checkin-lists/${String(id)}/`);
}

export function useDeleteCheckinList(eventId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => deleteCheckinList({ eventId, id }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['events', eventId] }),
  });
}
