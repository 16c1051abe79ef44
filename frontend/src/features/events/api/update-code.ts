import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import type { Code, CodePatch } from '@/types/api';

export async function updateCode({
  eventId,
  id,
  data,
}: {
  eventId: number;
  id: number;
  data: CodePatch;
}): Promise<Code> {
  const response = await api.patch<Code>(`/events/${String(eventId)}/codes/${String(id)}/`, data);
  return response.data;
}

export function useUpdateCode(eventId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, data }: { id: number; data: CodePatch }) =>
      updateCode({ eventId, id, data }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['events', 'codes', eventId] }),
  });
}
