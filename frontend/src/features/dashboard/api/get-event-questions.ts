import { queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import type { Question } from '@/types/api';

/** The event's questions: the labels of the answers in the attendee list. */
export async function getEventQuestions(eventId: number): Promise<Question[]> {
  const response = await api.get<Question[]>(`/events/${String(eventId)}/questions/`);
  return response.data;
}

export const getEventQuestionsQueryOptions = (eventId: number) =>
  queryOptions({
    queryKey: ['events', 'questions', eventId],
    queryFn: () => getEventQuestions(eventId),
  });

export function useEventQuestions(eventId: number) {
  return useQuery(getEventQuestionsQueryOptions(eventId));
}
