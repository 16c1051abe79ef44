import { QueryClient } from '@tanstack/react-query';

import type { ApiError } from '@/lib/errors';

declare module '@tanstack/react-query' {
  interface Register {
    defaultError: ApiError;
  }
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        // Retry only what may succeed on a second try: network blips and 5xx, not 4xx.
        retry: (failureCount, error) =>
          failureCount < 2 && (error.status === 0 || error.status >= 500),
      },
    },
  });
}
