import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef } from 'react';

import { analyticsSummaryQueryKey } from '@/features/dashboard/api/get-analytics-summary';
import { attendeesQueryKey } from '@/features/dashboard/api/get-attendees';
import { eventAnalyticsQueryKey } from '@/features/dashboard/api/get-event-analytics';
import { withLiveCounters } from '@/features/dashboard/utils/format';
import { useAttendanceSocket, type SocketStatus } from '@/lib/attendance-socket';
import type { Counters, EventAnalytics } from '@/types/api';

/** In a wave of arrivals, refetch curves and rows at most this often, not once per scan. */
export const LIVE_REFRESH_MS = 1_000;

/** Refetch the event's analytics and attendee list soon, coalescing bursts into one. */
function useCoalescedRefresh(eventId: number) {
  const queryClient = useQueryClient();
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  return useCallback(() => {
    if (timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      void queryClient.invalidateQueries({ queryKey: eventAnalyticsQueryKey(eventId) });
      void queryClient.invalidateQueries({ queryKey: attendeesQueryKey(eventId) });
      void queryClient.invalidateQueries({ queryKey: analyticsSummaryQueryKey });
    }, LIVE_REFRESH_MS);
  }, [queryClient, eventId]);
}

/**
 * Keeps one event's dashboard live over the attendance WebSocket: the counters are patched
 * into the cached analytics at once; curves and attendee rows are refetched shortly after.
 * `null` keeps the socket closed (e.g. until the event is known to be the caller's).
 */
export function useLiveDashboard(eventId: number | null): SocketStatus {
  const queryClient = useQueryClient();
  const refresh = useCoalescedRefresh(eventId ?? 0);

  return useAttendanceSocket(eventId, {
    onScan: refresh,
    onCounters: (counters: Counters) => {
      if (eventId === null) return;
      const key = eventAnalyticsQueryKey(eventId);
      const cached = queryClient.getQueryData<EventAnalytics>(key);
      if (!cached) return;
      // A snapshot after a reconnect may carry scans this page missed: catch up on those too.
      if (
        cached.checked_in !== counters.checked_in ||
        cached.tickets_sold !== counters.tickets_sold
      ) {
        refresh();
      }
      queryClient.setQueryData<EventAnalytics>(key, withLiveCounters(cached, counters));
    },
  });
}
