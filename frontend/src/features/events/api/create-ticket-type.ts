import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import type { TicketType, TicketTypeInput } from '@/types/api';

export async function createTicketType({
  eventId,
  data,
}: {
  eventId: number;
  data: TicketTypeInput;
}): Promise<TicketType> {
  const response = await api.post<TicketType>(`/events/${String(eventId)}/ticket-types/`, data);
  return response.data;
}

export function useCreateTicketType(eventId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (data: TicketTypeInput) => createTicketType({ eventId, data }),
    // The event carries its types and its lowest price: refetch it and the lists.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['events'] }),
  });
}
