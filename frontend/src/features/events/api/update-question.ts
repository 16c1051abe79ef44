import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import type { Question, QuestionPatch } from '@/types/api';

export async function updateQuestion({
  eventId,
  id,
  data,
}: {
  eventId: number;
  id: number;
  data: QuestionPatch;
}): Promise<Question> {
  const response = await api.patch<Question>(
    `/events/${String(eventId)}/questions/${String(id)}/`,
    data,
  );
  return response.data;
}

export function useUpdateQuestion(eventId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, data }: { id: number; data: QuestionPatch }) =>
      updateQuestion({ eventId, id, data }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['events', 'questions', eventId] }),
  });
}
