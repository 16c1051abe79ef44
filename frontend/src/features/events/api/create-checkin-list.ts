import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import type { CheckinList, CheckinListInput } from '@/types/api';

/** A list limited to some ticket types (none: all); unknown types are 400 with `fields`. */
export async function createCheckinList({
  eventId,
  data,
}: {
  eventId: number;
  data: CheckinListInput;
}): Promise<CheckinList> {
  const response = await api.post<CheckinList>(`/events/${String(eventId)}/checkin-lists/`, data);
  return response.data;
}

export function useCreateCheckinList(eventId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (data: CheckinListInput) => createCheckinList({ eventId, data }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['events', eventId] }),
  });
}
