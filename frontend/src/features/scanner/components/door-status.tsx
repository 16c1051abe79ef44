import type { ConnectionMode, LastSync } from '@/features/scanner/door/types';
import type { KitRecord } from '@/features/scanner/offline/door-db';
import { Button } from '@/components/ui/button';
import { formatEventTime } from '@/lib/event-time';

function scans(count: number): string {
  return `${String(count)} ${count === 1 ? 'scan' : 'scans'}`;
}

/**
 * Where the door stands, always in view: online or offline (and from which copy of the
 * tickets it decides), how many offline scans still wait for the server, what the last
 * upload found. Offline is impossible to miss: a full-width amber bar.
 */
export function DoorStatus({
  mode,
  kit,
  kitError,
  pending,
  queued,
  lastSync,
  onRetry,
  timeZone,
}: {
  mode: ConnectionMode;
  kit: KitRecord | null;
  kitError: string | null;
  pending: number;
  /** Scans that could not be decided at all (no copy yet), waiting for the server. */
  queued: number;
  lastSync: LastSync | null;
  onRetry: () => void;
  /** The event's zone: the door's times are read there. */
  timeZone: string;
}) {
  const copy = kit
    ? `${String(kit.ticketCount)} tickets on this device, updated ${formatEventTime(kit.updatedAt, timeZone)}`
    : null;
  if (mode === 'offline' || queued > 0) {
    return (
      <div
        role="alert"
        data-testid="offline-banner"
        data-mode="offline"
        className="flex flex-wrap items-center justify-between gap-2 rounded-lg border border-amber-300 bg-amber-50 px-4 py-2 text-sm font-semibold text-amber-900"
      >
        <span className="flex flex-col">
          {mode === 'offline' &&
            (kit ? (
              <span>Offline — checking tickets on this device ({copy}).</span>
            ) : (
              <span>Offline — no copy of the tickets on this device yet.</span>
            ))}
          {pending > 0 && <span>{scans(pending)} will be sent when the connection is back.</span>}
          {queued > 0 && <span>Offline — {scans(queued)} waiting</span>}
        </span>
        <Button variant="secondary" className="min-h-9" onClick={onRetry}>
          Retry now
        </Button>
      </div>
    );
  }
  return (
    <div
      className="flex flex-wrap items-center justify-between gap-x-3 gap-y-1 text-xs text-slate-600"
      data-testid="door-kit-status"
      data-mode="online"
    >
      <span>
        {copy
          ? `Ready for offline: ${copy}.`
          : kitError
            ? `Offline copy: ${kitError}`
            : 'Downloading the tickets for offline use…'}
      </span>
      {pending > 0 && (
        <span data-testid="sync-pending">Sending {scans(pending)} made offline…</span>
      )}
      {lastSync && (
        <span data-testid="last-sync">
          Sent {scans(lastSync.sent)} made offline at {formatEventTime(lastSync.at, timeZone)}
          {lastSync.conflicts > 0 ? `, ${String(lastSync.conflicts)} with a conflict` : ''}.
        </span>
      )}
    </div>
  );
}
