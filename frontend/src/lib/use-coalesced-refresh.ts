import { useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useCallback, useEffect, useRef } from 'react';

/**
 * A refresh that a burst of live updates (a wave of arrivals at the door) turns into one
 * refetch: the first call starts a timer, calls before it fires join it, and when it fires
 * the queries under `queryKeys` (the latest ones passed) are invalidated once. Unmounting
 * cancels a pending refresh.
 */
export function useCoalescedRefresh(queryKeys: readonly QueryKey[], delayMs: number): () => void {
  const queryClient = useQueryClient();
  const keys = useRef(queryKeys);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => {
    keys.current = queryKeys;
  });
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
      timer.current = null;
    },
    [],
  );
  return useCallback(() => {
    if (timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      for (const queryKey of keys.current) void queryClient.invalidateQueries({ queryKey });
    }, delayMs);
  }, [queryClient, delayMs]);
}
