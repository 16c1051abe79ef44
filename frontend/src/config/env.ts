/** Runtime configuration. The SPA is served same-origin with the API, so defaults are paths. */
export const env = {
  API_URL: (import.meta.env.VITE_API_URL as string | undefined) ?? '/api',
} as const;

export const APP_NAME = 'QR-Entry';
