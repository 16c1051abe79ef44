import { useMutation, useQueryClient } from '@tanstack/react-query';

import { scansQueryKey } from '@/features/scanner/api/get-scans';
import { api } from '@/lib/api-client';
import type { UndoCheckInRequest, UndoCheckInResult } from '@/types/api';

/** Organizer/admin only. 409 `not_checked_in` when the ticket is not (or no longer) in. */
export async function undoCheckIn(data: UndoCheckInRequest): Promise<UndoCheckInResult> {
  const response = await api.post<UndoCheckInResult>('/attendance/undo/', data);
  return response.data;
}

export function useUndoCheckIn(eventId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (ticket: number) => undoCheckIn({ event: eventId, ticket }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: scansQueryKey(eventId) }),
  });
}
