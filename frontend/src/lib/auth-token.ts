/**
 * The access token lives in this module's memory only: never in localStorage,
 * sessionStorage or a JS-set cookie. A reload loses it; the httpOnly refresh cookie
 * (invisible to scripts) gets a new one at boot.
 */

let accessToken: string | null = null;
const expiryListeners = new Set<() => void>();

export function getAccessToken(): string | null {
  return accessToken;
}

export function setAccessToken(token: string): void {
  accessToken = token;
}

export function clearAccessToken(): void {
  accessToken = null;
}

/** Called when the session can no longer be refreshed: the user is now anonymous. */
export function expireSession(): void {
  accessToken = null;
  for (const listener of expiryListeners) listener();
}

export function onSessionExpired(listener: () => void): () => void {
  expiryListeners.add(listener);
  return () => {
    expiryListeners.delete(listener);
  };
}
