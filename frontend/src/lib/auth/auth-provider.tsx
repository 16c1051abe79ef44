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
import { forgetUser, rememberedUser, rememberUser } from '@/lib/auth/remembered-user';
import { NETWORK_ERROR, toApiError } from '@/lib/errors';
import { clearOfflineData } from '@/lib/offline-data';
import type { User } from '@/types/api';

interface SessionState {
  status: AuthStatus;
  user: User | null;
}

/** The session is over on this device: forget who it was and every offline copy. */
function endLocalSession(): void {
  clearAccessToken();
  forgetUser();
  void clearOfflineData();
}

/**
 * Restores the session at boot: one refresh with the httpOnly cookie, then /auth/me/.
 * Until that answers, a spinner is shown instead of the app, so a signed-in user who
 * reloads never sees the login page flash. A browser that never signed in (no session hint)
 * is anonymous at once, without asking the server. With no network at all, the user remembered
 * on this device stays signed in (offline pages: scanner, My tickets); the first request once
 * the network is back renews the token, or ends the session if the server says so.
 */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<SessionState>(() =>
    // Signed in here before (the hint, or a user remembered for offline use): ask the server.
    hasSessionHint() || rememberedUser() !== null
      ? { status: 'loading', user: null }
      : { status: 'anonymous', user: null },
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
          rememberUser(user);
          if (active) setSession({ status: 'authenticated', user });
        },
        (error: unknown) => {
          const remembered = rememberedUser();
          if (toApiError(error).code === NETWORK_ERROR && remembered) {
            // Keep the session hint: once the network is back, a 401 renews the token.
            if (active) setSession({ status: 'authenticated', user: remembered });
            return;
          }
          endLocalSession();
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
        endLocalSession();
        setSession({ status: 'anonymous', user: null });
      }),
    [],
  );

  const value = useMemo<AuthContextValue>(
    () => ({
      ...session,
      signIn: (access, user) => {
        // Another user's copies never stay on a device someone else signs in on.
        if (rememberedUser()?.id !== user.id) void clearOfflineData();
        setAccessToken(access);
        rememberUser(user);
        setSession({ status: 'authenticated', user });
      },
      setUser: (user) => {
        rememberUser(user);
        setSession((current) =>
          current.status === 'authenticated' ? { status: 'authenticated', user } : current,
        );
      },
      clearSession: () => {
        endLocalSession();
        setSession({ status: 'anonymous', user: null });
      },
    }),
    [session],
  );

  if (session.status === 'loading') return <FullPageSpinner label="Loading QR-Entry" />;
  return <AuthContext value={value}>{children}</AuthContext>;
}
