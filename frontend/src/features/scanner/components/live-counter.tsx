import { ConnectionIndicator } from '@/components/ui/connection-indicator';
import type { SocketStatus } from '@/lib/attendance-socket';
import type { Counters } from '@/types/api';

/** "Checked in X / Y sold", always in view while scanning. */
export function LiveCounter({
  counters,
  soldFallback,
  status,
}: {
  counters: Counters | null;
  soldFallback?: number;
  status: SocketStatus;
}) {
  const sold = counters?.tickets_sold ?? soldFallback;
  return (
    <div className="flex flex-wrap items-center justify-between gap-x-3 gap-y-1">
      <p className="text-base font-semibold text-slate-900" aria-live="off">
        Checked in{' '}
        <span data-testid="checked-in-count" className="text-2xl tabular-nums">
          {counters ? counters.checked_in : '—'}
        </span>{' '}
        / <span className="tabular-nums">{sold ?? '—'}</span> sold
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
