import { useMutation } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import { useAuth } from '@/lib/auth/context';
import type { User, UserUpdateRequest } from '@/types/api';

export async function updateMe(data: UserUpdateRequest): Promise<User> {
  const response = await api.patch<User>('/auth/me/', data);
  return response.data;
}

export function useUpdateMe() {
  const { setUser } = useAuth();
  return useMutation({
    mutationFn: updateMe,
    onSuccess: (user) => {
      setUser(user);
    },
  });
}
