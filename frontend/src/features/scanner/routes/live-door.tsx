import { useState } from 'react';
import { Link, useParams } from 'react-router';

import { useDoorEvent } from '@/features/scanner/api/get-door-event';
import { scansQueryKey, useScans } from '@/features/scanner/api/get-scans';
import { DoorCounters } from '@/features/scanner/components/door-counters';
import { ScanLog } from '@/features/scanner/components/scan-log';
import { useAttendanceSocket } from '@/lib/attendance-socket';
import { NoAccess } from '@/components/ui/no-access';
import { paths } from '@/config/paths';
import { browserTimeZone, formatEventRange } from '@/lib/event-time';
import { useCoalescedRefresh } from '@/lib/use-coalesced-refresh';
import { useDocumentTitle } from '@/lib/use-document-title';
import type { Counters } from '@/types/api';

/** In a wave of arrivals, refetch the log at most this often rather than once per scan. */
const LOG_REFRESH_MS = 2_000;

function NoDoorAccess() {
  return (
    <NoAccess title="You don't have access to this door">
      Only the event&apos;s organizer, its door staff and admins can watch its door.
    </NoAccess>
  );
}

function LiveDoor({ eventId, idParam }: { eventId: number; idParam: string }) {
  const eventQuery = useDoorEvent(idParam);
  const accessQuery = useScans({ event: eventId, page: 1 });
  const [counters, setCounters] = useState<Counters | null>(null);
  const refreshLog = useCoalescedRefresh([scansQueryKey(eventId)], LOG_REFRESH_MS);
  // Each live scan refreshes the scan log below (newest first): one list, not a second feed.
  const status = useAttendanceSocket(eventId, {
    onCounters: setCounters,
    onScan: () => {
      refreshLog();
    },
  });
  const event = eventQuery.data;
  useDocumentTitle(event ? `Live door · ${event.title}` : 'Live door');

  const accessError = accessQuery.error;
  if (
    status === 'forbidden' ||
    accessError?.code === 'permission_denied' ||
    accessError?.status === 403
  ) {
    return <NoDoorAccess />;
  }

  return (
    <div className="flex flex-col gap-5">
      <div className="flex flex-col gap-1">
        {event?.can_manage && (
          <Link
            to={paths.manageEvent(eventId)}
            className="inline-flex min-h-11 items-center self-start text-sm font-medium text-indigo-700 hover:underline"
          >
            ← Manage event
          </Link>
        )}
        <h1 className="text-2xl font-semibold tracking-tight">
          Live door{event ? `: ${event.title}` : ''}
        </h1>
        {event && (
          <p className="text-sm text-slate-600">
            {formatEventRange(event.starts_at, event.ends_at, event.timezone)} · {event.venue}
          </p>
        )}
        <Link
          to={paths.scan}
          className="inline-flex min-h-11 items-center self-start text-sm font-medium text-indigo-700 hover:underline"
        >
          Open the scanner
        </Link>
      </div>

      <DoorCounters counters={counters} fallback={event} status={status} />
      {!counters && (
        <p className="-mt-3 text-xs text-slate-500">Waiting for live numbers from the door…</p>
      )}

      <ScanLog
        eventId={eventId}
        // Until the event is known its times are named in this browser's zone.
        timeZone={event?.timezone ?? browserTimeZone()}
        canUndo={event?.can_manage ?? false}
        onCounters={setCounters}
      />
    </div>
  );
}

/** /organizer/events/:id/door: live counters, live feed and the scan log of one event. */
export function LiveDoorRoute() {
  const { id = '' } = useParams();
  const eventId = Number(id);
  if (!Number.isInteger(eventId) || eventId <= 0) return <NoDoorAccess />;
  return <LiveDoor key={eventId} eventId={eventId} idParam={id} />;
}
