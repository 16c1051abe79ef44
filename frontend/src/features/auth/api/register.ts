import { useMutation } from '@tanstack/react-query';

import { login } from '@/features/auth/api/login';
import { api } from '@/lib/api-client';
import { useAuth } from '@/lib/auth/context';
import { ApiError } from '@/lib/errors';
import type { RegisterRequest, RegisterResponse } from '@/types/api';

export async function register(data: RegisterRequest): Promise<RegisterResponse> {
  const response = await api.post<RegisterResponse>('/auth/register/', data);
  return response.data;
}

// The server answers a sign-up alike whether or not the address already has an account (its
// owner is e-mailed instead), so when the sign-in that follows fails, the mailbox says why.
const CHECK_MAILBOX =
  'We could not sign you in. If this address already has an account, we have sent it an ' +
  'e-mail: sign in with your password, or choose a new one from the link in that e-mail.';

/** Create the account, then sign in with the same credentials. */
export function useRegister() {
  const { signIn } = useAuth();
  return useMutation({
    mutationFn: async (data: RegisterRequest) => {
      await register(data);
      try {
        return await login({ email: data.email, password: data.password });
      } catch (error) {
        if (error instanceof ApiError && error.code === 'invalid_credentials') {
          throw new ApiError(error.status, { code: error.code, detail: CHECK_MAILBOX });
        }
        throw error;
      }
    },
    onSuccess: (session) => {
      signIn(session.access, session.user);
    },
  });
}
