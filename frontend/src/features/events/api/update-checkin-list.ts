import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import type { CheckinList, CheckinListInput } from '@/types/api';

/** Rename a list or change its types; Entry may be renamed, not limited (400). */
export async function updateCheckinList({
  eventId,
  id,
  data,
}: {
  eventId: number;
  id: number;
  data: Partial<CheckinListInput>;
}): Promise<CheckinList> {
  const response = await api.patch<CheckinList>(
    `/events/${String(eventId)}/checkin-lists/${String(id)}/`,
    data,
  );
  return response.data;
}

export function useUpdateCheckinList(eventId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, data }: { id: number; data: Partial<CheckinListInput> }) =>
      updateCheckinList({ eventId, id, data }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['events', eventId] }),
  });
}
