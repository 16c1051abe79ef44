import { useMutation } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import type { EmailVerifyRequest } from '@/types/api';

export async function verifyEmail(data: EmailVerifyRequest): Promise<void> {
  await api.post('/auth/verify-email/', data);
}

export function useVerifyEmail() {
  return useMutation({ mutationFn: verifyEmail });
}
