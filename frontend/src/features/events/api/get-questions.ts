import { queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import type { Question } from '@/types/api';

export async function getQuestions(eventId: number): Promise<Question[]> {
  const response = await api.get<Question[]>(`/events/${String(eventId)}/questions/`);
  return response.data;
}

export const getQuestionsQueryOptions = (eventId: number) =>
  queryOptions({
    queryKey: ['events', 'questions', eventId],
    queryFn: () => getQuestions(eventId),
  });

export function useQuestions(eventId: number) {
  return useQuery(getQuestionsQueryOptions(eventId));
}
