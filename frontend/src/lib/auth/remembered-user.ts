/**
 * The signed-in user, remembered on this device so the app still knows who it is for when it
 * opens with no network (the refresh cookie cannot be traded for a token then). Only the
 * public profile (id, name, e-mail, role), never a token; forgotten on sign-out.
 */
import type { User } from '@/types/api';

export const REMEMBERED_USER_KEY = 'qe.auth.user';

export function rememberUser(user: User): void {
  try {
    localStorage.setItem(REMEMBERED_USER_KEY, JSON.stringify(user));
  } catch {
    // No storage: offline start simply is not possible on this device.
  }
}

export function forgetUser(): void {
  try {
    localStorage.removeItem(REMEMBERED_USER_KEY);
  } catch {
    // Nothing to forget.
  }
}

export function rememberedUser(): User | null {
  try {
    const raw = localStorage.getItem(REMEMBERED_USER_KEY);
    if (!raw) return null;
    const user = JSON.parse(raw) as Partial<User>;
    return typeof user.id === 'number' && typeof user.role === 'string' ? (user as User) : null;
  } catch {
    return null;
  }
}
