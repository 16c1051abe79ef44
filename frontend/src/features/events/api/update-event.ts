import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import type { Event, EventPatch } from '@/types/api';

export interface UpdateEventArgs {
  id: number;
  /** Any subset of the event's fields (cancelling has its own endpoint: event-transitions). */
  data: EventPatch;
}

export async function updateEvent({ id, data }: UpdateEventArgs): Promise<Event> {
  const response = await api.patch<Event>(`/events/${String(id)}/`, data);
  return response.data;
}

export function useUpdateEvent() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateEvent,
    onSuccess: (event) => {
      queryClient.setQueryData(['events', 'detail', String(event.id)], event);
      // Lists, availability and (after a cancel) bookings all change.
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: ['events'] }),
        queryClient.invalidateQueries({ queryKey: ['bookings'] }),
      ]);
    },
  });
}
