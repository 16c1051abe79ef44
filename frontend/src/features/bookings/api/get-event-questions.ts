import { queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import type { Question } from '@/types/api';

/** The questions the booking form asks (whoever sees the event may read them). */
export async function getEventQuestions(eventId: number): Promise<Question[]> {
  const response = await api.get<Question[]>(`/events/${String(eventId)}/questions/`);
  return response.data;
}

export const getEventQuestionsQueryOptions = (eventId: number) =>
  queryOptions({
    queryKey: ['events', 'questions', eventId],
    queryFn: () => getEventQuestions(eventId),
  });

export function useEventQuestions(eventId: number, { enabled = true } = {}) {
  return useQuery({ ...getEventQuestionsQueryOptions(eventId), enabled });
}
