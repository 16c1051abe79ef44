import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import { useAuth } from '@/lib/auth/context';

export async function logout(): Promise<void> {
  await api.post('/auth/logout/', {});
}

/**
 * Sign out: the server blacklists the refresh cookie; locally the token, the user and every
 * cached query go, whether or not the server could be reached.
 */
export function useLogout({ onSettled }: { onSettled?: () => void } = {}) {
  const { clearSession } = useAuth();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: logout,
    onSettled: () => {
      clearSession();
      queryClient.clear();
      onSettled?.();
    },
  });
}
