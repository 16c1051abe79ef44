import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api-client';

/** A type that has sold tickets is kept: 409 `ticket_type_has_sales`. */
export async function deleteTicketType({
  eventId,
  id,
}: {
  eventId: number;
  id: number;
}): Promise<void> {
  await api.delete(`/events/${String(eventId)}/ticket-types/${String(id)}/`);
}

export function useDeleteTicketType(eventId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => deleteTicketType({ eventId, id }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['events'] }),
  });
}
