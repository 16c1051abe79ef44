import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import { useAuth } from '@/lib/auth/context';

/** Every refresh token of the user revoked and every live socket closed, this device's too. */
export async function logoutAll(): Promise<void> {
  await api.post('/auth/logout-all/');
}

export function useLogoutAll({ onSuccess }: { onSuccess?: () => void } = {}) {
  const { clearSession } = useAuth();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: logoutAll,
    onSuccess: () => {
      clearSession();
      queryClient.clear();
      onSuccess?.();
    },
  });
}
