import { useMutation } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import type { InvitationAccepted, InvitationAcceptRequest } from '@/types/api';

export async function acceptInvitation(data: InvitationAcceptRequest): Promise<InvitationAccepted> {
  const response = await api.post<InvitationAccepted>('/auth/invitations/accept/', data);
  return response.data;
}

export function useAcceptInvitation() {
  return useMutation({ mutationFn: acceptInvitation });
}
