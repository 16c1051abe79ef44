import { useMutation } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import type { PasswordResetRequest } from '@/types/api';

/** 202 whatever the address: the answer never tells whether it has an account. */
export async function requestPasswordReset(data: PasswordResetRequest): Promise<void> {
  await api.post('/auth/password-reset/', data);
}

export function useRequestPasswordReset() {
  return useMutation({ mutationFn: requestPasswordReset });
}
