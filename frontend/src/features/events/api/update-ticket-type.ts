import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import type { TicketType, TicketTypePatch } from '@/types/api';

export interface UpdateTicketTypeArgs {
  id: number;
  /** Any subset; a quota below the seats sold is 409 `quota_below_sold`. */
  data: TicketTypePatch;
}

export async function updateTicketType({
  eventId,
  id,
  data,
}: UpdateTicketTypeArgs & { eventId: number }): Promise<TicketType> {
  const response = await api.patch<TicketType>(
    `/events/${String(eventId)}/ticket-types/${String(id)}/`,
    data,
  );
  return response.data;
}

export function useUpdateTicketType(eventId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (args: UpdateTicketTypeArgs) => updateTicketType({ eventId, ...args }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['events'] }),
  });
}
