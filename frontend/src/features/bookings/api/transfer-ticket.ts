import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import type { HeldTicket, TicketTransferRequest } from '@/types/api';

export interface TransferTicketArgs extends TicketTransferRequest {
  ticketId: number;
}

/**
 * The holder sends a ticket to someone else: the recipient gets a new code by e-mail, the
 * old code and backup code stop working. Answers the recipient's new ticket.
 */
export async function transferTicket({
  ticketId,
  ...data
}: TransferTicketArgs): Promise<HeldTicket> {
  const response = await api.post<HeldTicket>(`/tickets/${String(ticketId)}/transfer/`, data);
  return response.data;
}

export function useTransferTicket() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: transferTicket,
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['bookings'] }),
        queryClient.invalidateQueries({ queryKey: ['tickets'] }),
      ]),
  });
}
