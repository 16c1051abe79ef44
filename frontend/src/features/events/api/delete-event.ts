import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api-client';

/** Only for events that never had a booking; otherwise 409 `event_has_bookings`. */
export async function deleteEvent(id: number): Promise<void> {
  await api.delete(`/events/${String(id)}/`);
}

export function useDeleteEvent() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteEvent,
    onSuccess: (_data, id) => {
      queryClient.removeQueries({ queryKey: ['events', 'detail', String(id)] });
      return queryClient.invalidateQueries({ queryKey: ['events'] });
    },
  });
}
