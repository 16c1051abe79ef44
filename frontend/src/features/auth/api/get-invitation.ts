import { queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import type { Invitation } from '@/types/api';

/** A read, sent as a POST so the invitation token stays out of URLs and logs. */
export async function getInvitation(token: string): Promise<Invitation> {
  const response = await api.post<Invitation>('/auth/invitations/', { token });
  return response.data;
}

export function invitationQueryOptions(token: string) {
  return queryOptions({
    queryKey: ['auth', 'invitation', token],
    queryFn: () => getInvitation(token),
    retry: false,
  });
}

export function useInvitation(token: string) {
  return useQuery(invitationQueryOptions(token));
}
