import { queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import type { StaffMember } from '@/types/api';

/** Door staff of an event (not paginated). */
export async function getEventStaff(eventId: number): Promise<StaffMember[]> {
  const response = await api.get<StaffMember[]>(`/events/${String(eventId)}/staff/`);
  return response.data;
}

export const getEventStaffQueryOptions = (eventId: number) =>
  queryOptions({
    queryKey: ['events', 'staff', eventId],
    queryFn: () => getEventStaff(eventId),
  });

export function useEventStaff(eventId: number) {
  return useQuery(getEventStaffQueryOptions(eventId));
}
