import { useMutation } from '@tanstack/react-query';

import { api } from '@/lib/api-client';

export async function resendVerification(): Promise<void> {
  await api.post('/auth/verify-email/resend/');
}

export function useResendVerification() {
  return useMutation({ mutationFn: resendVerification });
}
