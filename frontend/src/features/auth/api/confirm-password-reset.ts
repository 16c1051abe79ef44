import { useMutation } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import type { PasswordResetConfirmRequest } from '@/types/api';

export async function confirmPasswordReset(data: PasswordResetConfirmRequest): Promise<void> {
  await api.post('/auth/password-reset/confirm/', data);
}

export function useConfirmPasswordReset() {
  return useMutation({ mutationFn: confirmPasswordReset });
}
