import axios, { type AxiosError, type InternalAxiosRequestConfig } from 'axios';

import { env } from '@/config/env';
import { expireSession, getAccessToken, hasSessionHint, setAccessToken } from '@/lib/auth-token';
import { toApiError } from '@/lib/errors';
import type { RefreshResponse } from '@/types/api';

/** The one axios instance of the app. Fetchers return `response.data`; errors are ApiError. */
export const api = axios.create({
  baseURL: env.API_URL,
  // Same-origin in production; explicit so the refresh cookie also travels in split set-ups.
  withCredentials: true,
  headers: { Accept: 'application/json' },
});

interface RetriableConfig extends InternalAxiosRequestConfig {
  _retried?: boolean;
  _sentToken?: string | null;
}

/** 401s from these mean "wrong credentials" or "no session", not "token expired". */
const NO_REFRESH_PATHS = ['/auth/login/', '/auth/refresh/', '/auth/register/'];

function isNoRefreshPath(url: string | undefined): boolean {
  return url !== undefined && NO_REFRESH_PATHS.some((path) => url.endsWith(path));
}

let refreshInFlight: Promise<string> | null = null;

/**
 * Trade the httpOnly refresh cookie for a new access token. Single-flight: concurrent
 * callers share one request, because the server rotates (and blacklists) the cookie and a
 * second parallel refresh with the old cookie would fail.
 */
export function refreshAccessToken(): Promise<string> {
  refreshInFlight ??= api
    .post<RefreshResponse>('/auth/refresh/', {})
    .then((response) => {
      setAccessToken(response.data.access);
      return response.data.access;
    })
    .finally(() => {
      refreshInFlight = null;
    });
  return refreshInFlight;
}

api.interceptors.request.use((config: RetriableConfig) => {
  const token = getAccessToken();
  config._sentToken = token;
  if (token) config.headers.set('Authorization', `Bearer ${token}`);
  return config;
});

api.interceptors.response.use(undefined, async (error: AxiosError) => {
  const config = error.config as RetriableConfig | undefined;
  if (
    error.response?.status !== 401 ||
    !config ||
    config._retried === true ||
    isNoRefreshPath(config.url) ||
    // Never signed in here: there is no refresh cookie to trade, so do not ask.
    !hasSessionHint()
  ) {
    throw toApiError(error);
  }
  config._retried = true;

  // Another request already refreshed while this one was in flight: just retry with it.
  const current = getAccessToken();
  if (current && current !== config._sentToken) return api.request(config);

  try {
    await refreshAccessToken();
  } catch {
    expireSession();
    throw toApiError(error);
  }
  return api.request(config);
});
