import { useMutation } from '@tanstack/react-query';

import { login } from '@/features/auth/api/login';
import { api } from '@/lib/api-client';
import { useAuth } from '@/lib/auth/context';
import type { RegisterRequest, User } from '@/types/api';

export async function register(data: RegisterRequest): Promise<User> {
  const response = await api.post<User>('/auth/register/', data);
  return response.data;
}

/** Create the account, then sign in with the same credentials. */
export function useRegister() {
  const { signIn } = useAuth();
  return useMutation({
    mutationFn: async (data: RegisterRequest) => {
      await register(data);
      return login({ email: data.email, password: data.password });
    },
    onSuccess: (session) => {
      signIn(session.access, session.user);
    },
  });
}
