import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import type { HeldTicket, TicketHolderPatch } from '@/types/api';

export interface UpdateTicketArgs extends TicketHolderPatch {
  ticketId: number;
}

/** The holder renames a ticket or changes its answers; the code stays the same. */
export async function updateTicket({ ticketId, ...data }: UpdateTicketArgs): Promise<HeldTicket> {
  const response = await api.patch<HeldTicket>(`/tickets/${String(ticketId)}/`, data);
  return response.data;
}

export function useUpdateTicket() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateTicket,
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['bookings'] }),
        queryClient.invalidateQueries({ queryKey: ['tickets'] }),
      ]),
  });
}
