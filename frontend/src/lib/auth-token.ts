/**
 * The access token lives in this module's memory only: never in localStorage,
 * sessionStorage or a JS-set cookie. A reload loses it; the httpOnly refresh cookie
 * (invisible to scripts) gets a new one at boot.
 */

let accessToken: string | null = null;

/**
 * A marker (no secret: just "1") that this browser signed in and may hold the httpOnly
 * refresh cookie, which scripts cannot see. Without it the app knows the visitor is anonymous
 * and never asks /auth/refresh/ (which would only answer 401 and log an error in the console).
 */
const SESSION_HINT_KEY = 'qe.session';

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null; // storage disabled (some private modes): behave as if there were no hint
  }
}

export function hasSessionHint(): boolean {
  return storage()?.getItem(SESSION_HINT_KEY) === '1';
}

export function setSessionHint(): void {
  storage()?.setItem(SESSION_HINT_KEY, '1');
}

export function clearSessionHint(): void {
  storage()?.removeItem(SESSION_HINT_KEY);
}
const expiryListeners = new Set<() => void>();

export function getAccessToken(): string | null {
  return accessToken;
}

export function setAccessToken(token: string): void {
  accessToken = token;
  setSessionHint();
}

/** Forget the session in this browser (signed out, or the boot refresh was refused). */
export function clearAccessToken(): void {
  accessToken = null;
  clearSessionHint();
}

/** Called when the session can no longer be refreshed: the user is now anonymous. */
export function expireSession(): void {
  accessToken = null;
  clearSessionHint();
  for (const listener of expiryListeners) listener();
}

export function onSessionExpired(listener: () => void): () => void {
  expiryListeners.add(listener);
  return () => {
    expiryListeners.delete(listener);
  };
}
