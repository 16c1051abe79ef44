import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import type { Question, QuestionInput } from '@/types/api';

export async function createQuestion({
  eventId,
  data,
}: {
  eventId: number;
  data: QuestionInput;
}): Promise<Question> {
  const response = await api.post<Question>(`/events/${String(eventId)}/questions/`, data);
  return response.data;
}

export function useCreateQuestion(eventId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (data: QuestionInput) => createQuestion({ eventId, data }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['events', 'questions', eventId] }),
  });
}
