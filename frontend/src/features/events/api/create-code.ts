import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import type { Code, CodeInput } from '@/types/api';

export async function createCode({
  eventId,
  data,
}: {
  eventId: number;
  data: CodeInput;
}): Promise<Code> {
  const response = await api.post<Code>(`/events/${String(eventId)}/codes/`, data);
  return response.data;
}

export function useCreateCode(eventId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (data: CodeInput) => createCode({ eventId, data }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['events', 'codes', eventId] }),
  });
}
