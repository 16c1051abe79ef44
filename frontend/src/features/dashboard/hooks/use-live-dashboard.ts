import { useQueryClient } from '@tanstack/react-query';

import { analyticsSummaryQueryKey } from '@/features/dashboard/api/get-analytics-summary';
import { attendeesQueryKey } from '@/features/dashboard/api/get-attendees';
import { eventAnalyticsQueryKey } from '@/features/dashboard/api/get-event-analytics';
import { withLiveCounters } from '@/features/dashboard/utils/format';
import { useAttendanceSocket, type SocketStatus } from '@/lib/attendance-socket';
import { useCoalescedRefresh } from '@/lib/use-coalesced-refresh';
import type { Counters, EventAnalytics } from '@/types/api';

/** In a wave of arrivals, refetch curves and rows at most this often, not once per scan. */
export const LIVE_REFRESH_MS = 1_000;

/**
 * Keeps one event's dashboard live over the attendance WebSocket: the counters are patched
 * into the cached analytics at once; curves and attendee rows are refetched shortly after.
 * `null` keeps the socket closed (e.g. until the event is known to be the caller's).
 */
export function useLiveDashboard(eventId: number | null): SocketStatus {
  const queryClient = useQueryClient();
  // Curves and attendee rows, and the summary's totals, are refetched once per burst.
  const refresh = useCoalescedRefresh(
    eventId === null
      ? []
      : [eventAnalyticsQueryKey(eventId), attendeesQueryKey(eventId), analyticsSummaryQueryKey],
    LIVE_REFRESH_MS,
  );

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
