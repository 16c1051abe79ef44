import type { SocketStatus } from '@/lib/attendance-socket';
import { cn } from '@/lib/cn';

/** The live channel's state, or `offline` when the page knows the server cannot be reached. */
export type ConnectionStatus = SocketStatus | 'offline';

// Not "Live": that word is the event's phase ("Live now"), shown once, by the phase badge.
const LABELS: Record<ConnectionStatus, string> = {
  connecting: 'Connecting…',
  open: 'Connected',
  reconnecting: 'Reconnecting…',
  forbidden: 'No live access',
  offline: 'Offline',
};

const DOTS: Record<ConnectionStatus, string> = {
  connecting: 'bg-amber-400',
  open: 'bg-emerald-500',
  reconnecting: 'bg-amber-500 animate-pulse',
  forbidden: 'bg-red-500',
  offline: 'bg-slate-400',
};

/** Whether the numbers beside it are current: a coloured dot plus words (never colour alone). */
export function ConnectionIndicator({ status }: { status: ConnectionStatus }) {
  return (
    <span
      className="inline-flex items-center gap-1.5 text-xs font-medium text-slate-600"
      data-testid="connection-status"
      data-state={status}
    >
      <span aria-hidden="true" className={cn('size-2.5 rounded-full', DOTS[status])} />
      {LABELS[status]}
    </span>
  );
}
