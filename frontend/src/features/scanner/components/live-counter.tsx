import { ConnectionIndicator, type ConnectionStatus } from '@/components/ui/connection-indicator';
import type { Counters } from '@/types/api';

/**
 * "Checked in X / Y sold", always in view while scanning. X counts this device's offline
 * admissions too, said apart until the server has them: "Checked in 9 / 10 sold (2 not yet
 * synced)".
 */
export function LiveCounter({
  counters,
  soldFallback,
  unsynced = 0,
  status,
}: {
  counters: Counters | null;
  soldFallback?: number;
  /** First admissions this device made offline that the server does not count yet. */
  unsynced?: number;
  status: ConnectionStatus;
}) {
  const sold = counters?.tickets_sold ?? soldFallback;
  const checkedIn = counters ? counters.checked_in + unsynced : unsynced > 0 ? unsynced : null;
  return (
    <div className="flex flex-wrap items-center justify-between gap-x-3 gap-y-1">
      <p className="text-base font-semibold text-slate-900" aria-live="off">
        Checked in{' '}
        <span data-testid="checked-in-count" className="text-2xl tabular-nums">
          {checkedIn ?? '—'}
        </span>{' '}
        / <span className="tabular-nums">{sold ?? '—'}</span> sold
        {unsynced > 0 && (
          <span data-testid="unsynced-count" className="font-normal text-amber-800">
            {' '}
            ({unsynced} not yet synced)
          </span>
        )}
        {counters && counters.inside !== counters.checked_in && (
          <>
            {' · '}
            <span data-testid="inside-count" className="tabular-nums">
              {counters.inside}
            </span>{' '}
            inside now
          </>
        )}
      </p>
      <ConnectionIndicator status={status} />
    </div>
  );
}
