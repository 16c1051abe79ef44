import { useMutation } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import { useAuth } from '@/lib/auth/context';
import type { LoginRequest, LoginResponse } from '@/types/api';

export async function login(credentials: LoginRequest): Promise<LoginResponse> {
  const response = await api.post<LoginResponse>('/auth/login/', credentials);
  return response.data;
}

/** Sign in: the access token goes to memory; the refresh token stays in the httpOnly cookie. */
export function useLogin() {
  const { signIn } = useAuth();
  return useMutation({
    mutationFn: login,
    onSuccess: (data) => {
      signIn(data.access, data.user);
    },
  });
}
