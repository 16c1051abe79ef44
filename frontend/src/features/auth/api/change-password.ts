import { useMutation } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import type { PasswordChangeRequest } from '@/types/api';

/**
 * Every session ends, this one included; the answer sets a fresh refresh cookie, so the
 * next request's 401 (`password_changed`) is refreshed away by the API client.
 */
export async function changePassword(data: PasswordChangeRequest): Promise<void> {
  await api.post('/auth/change-password/', data);
}

export function useChangePassword() {
  return useMutation({ mutationFn: changePassword });
}
