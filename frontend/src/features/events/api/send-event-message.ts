import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import type { EventMessage, EventMessageInput } from '@/types/api';

export interface SendEventMessageArgs extends EventMessageInput {
  event: number;
}

/** Queued to every holder of a valid ticket (202); logged and throttled by the server. */
export async function sendEventMessage({
  event,
  ...data
}: SendEventMessageArgs): Promise<EventMessage> {
  const response = await api.post<EventMessage>(`/events/${String(event)}/messages/`, data);
  return response.data;
}

export function useSendEventMessage() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: sendEventMessage,
    onSuccess: (_message, { event }) =>
      queryClient.invalidateQueries({ queryKey: ['events', 'messages', event] }),
  });
}
