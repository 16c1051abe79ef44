import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import { useAuth } from '@/lib/auth/context';
import type { UserDeleteRequest } from '@/types/api';

export async function deleteAccount(data: UserDeleteRequest): Promise<void> {
  await api.delete('/auth/me/', { data });
}

export function useDeleteAccount({ onSuccess }: { onSuccess?: () => void } = {}) {
  const { clearSession } = useAuth();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteAccount,
    onSuccess: () => {
      clearSession();
      queryClient.clear();
      onSuccess?.();
    },
  });
}
