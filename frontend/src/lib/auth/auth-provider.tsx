import { useEffect, useMemo, useState, type ReactNode } from 'react';

import { FullPageSpinner } from '@/components/ui/spinner';
import { refreshAccessToken } from '@/lib/api-client';
import {
  clearAccessToken,
  hasSessionHint,
  onSessionExpired,
  setAccessToken,
} from '@/lib/auth-token';
import { AuthContext, type AuthContextValue, type AuthStatus } from '@/lib/auth/context';
import { getMe } from '@/lib/auth/get-me';
import type { User } from '@/types/api';

interface SessionState {
  status: AuthStatus;
  user: User | null;
}

/**
 * Restores the session at boot: one refresh with the httpOnly cookie, then /auth/me/.
 * Until that answers, a spinner is shown instead of the app, so a signed-in user who
 * reloads never sees the login page flash. A browser that never signed in (no session hint)
 * is anonymous at once, without asking the server.
 */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<SessionState>(() =>
    hasSessionHint() ? { status: 'loading', user: null } : { status: 'anonymous', user: null },
  );
  const restoring = session.status === 'loading';

  useEffect(() => {
    if (!restoring) return;
    let active = true;
    // refreshAccessToken is single-flight, so StrictMode's double effect shares one call.
    refreshAccessToken()
      .then(() => getMe())
      .then(
        (user) => {
          if (active) setSession({ status: 'authenticated', user });
        },
        () => {
          clearAccessToken();
          if (active) setSession({ status: 'anonymous', user: null });
        },
      );
    return () => {
      active = false;
    };
  }, [restoring]);

  useEffect(
    () =>
      onSessionExpired(() => {
        setSession({ status: 'anonymous', user: null });
      }),
    [],
  );

  const value = useMemo<AuthContextValue>(
    () => ({
      ...session,
      signIn: (access, user) => {
        setAccessToken(access);
        setSession({ status: 'authenticated', user });
      },
      setUser: (user) => {
        setSession((current) =>
          current.status === 'authenticated' ? { status: 'authenticated', user } : current,
        );
      },
      clearSession: () => {
        clearAccessToken();
        setSession({ status: 'anonymous', user: null });
      },
    }),
    [session],
  );

  if (session.status === 'loading') return <FullPageSpinner label="Loading QR-Entry" />;
  return <AuthContext value={value}>{children}</AuthContext>;
}
