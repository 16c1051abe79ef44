import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import type { AddStaffRequest, StaffInvited } from '@/types/api';

export async function addEventStaff({
  eventId,
  data,
}: {
  eventId: number;
  data: AddStaffRequest;
}): Promise<StaffInvited> {
  const response = await api.post<StaffInvited>(`/events/${String(eventId)}/staff/`, data);
  return response.data;
}

export function useAddEventStaff(eventId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (data: AddStaffRequest) => addEventStaff({ eventId, data }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['events', 'staff', eventId] }),
  });
}
