import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import type { Event, EventInput } from '@/types/api';

export async function createEvent(data: EventInput): Promise<Event> {
  const response = await api.post<Event>('/events/', data);
  return response.data;
}

export function useCreateEvent() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createEvent,
    onSuccess: (event) => {
      queryClient.setQueryData(['events', 'detail', String(event.id)], event);
      return queryClient.invalidateQueries({ queryKey: ['events'] });
    },
  });
}
