import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api-client';

/** Answers already given stay stored but are no longer shown. */
export async function deleteQuestion({
  eventId,
  id,
}: {
  eventId: number;
  id: number;
}): Promise<void> {
  await api.delete(`/events/${String(eventId)}/questions/${String(id)}/`);
}

export function useDeleteQuestion(eventId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => deleteQuestion({ eventId, id }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['events', 'questions', eventId] }),
  });
}
