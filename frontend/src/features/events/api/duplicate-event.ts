import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import type { Event } from '@/types/api';

/** A draft copy of the event (same details, times and image; nothing sold, no staff). */
export async function duplicateEvent(id: number): Promise<Event> {
  const response = await api.post<Event>(`/events/${String(id)}/duplicate/`, {});
  return response.data;
}

export function useDuplicateEvent() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: duplicateEvent,
    onSuccess: (event) => {
      queryClient.setQueryData(['events', 'detail', String(event.id)], event);
      return queryClient.invalidateQueries({ queryKey: ['events', 'mine'] });
    },
  });
}
