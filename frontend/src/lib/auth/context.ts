import { createContext, useContext } from 'react';

import type { Role, User } from '@/types/api';

export type AuthStatus = 'loading' | 'authenticated' | 'anonymous';

export interface AuthContextValue {
  status: AuthStatus;
  user: User | null;
  /** Store a fresh session (after login): the token in memory, the user in state. */
  signIn: (access: string, user: User) => void;
  /** Replace the signed-in user (after a profile change or e-mail verification). */
  setUser: (user: User) => void;
  /** Forget the session locally (the caller has already told the server, if it could). */
  clearSession: () => void;
}

export const AuthContext = createContext<AuthContextValue | null>(null);

export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth must be used inside <AuthProvider>');
  return value;
}

export function hasRole(user: User | null, roles: readonly Role[] | undefined): boolean {
  if (!user) return false;
  return roles === undefined || roles.includes(user.role);
}

export const ORGANIZER_ROLES: readonly Role[] = ['organizer', 'admin'];
