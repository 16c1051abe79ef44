import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import type { Event } from '@/types/api';

export type EventTransition = 'publish' | 'unpublish' | 'cancel';

export interface EventTransitionArgs {
  id: number;
  transition: EventTransition;
  /** Cancelling only: why, for the e-mail every ticket holder receives. */
  reason?: string;
}

/** A state change with rules of its own: `POST /events/{id}/{publish,unpublish,cancel}/`. */
export async function transitionEvent({
  id,
  transition,
  reason,
}: EventTransitionArgs): Promise<Event> {
  const body = transition === 'cancel' ? { reason: reason ?? '' } : undefined;
  const response = await api.post<Event>(`/events/${String(id)}/${transition}/`, body);
  return response.data;
}

export function useEventTransition() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: transitionEvent,
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
