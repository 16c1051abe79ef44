import type { SocketStatus } from '@/lib/attendance-socket';
import { cn } from '@/lib/cn';

const LABELS: Record<SocketStatus, string> = {
  connecting: 'Connecting…',
  open: 'Live',
  reconnecting: 'Reconnecting…',
  forbidden: 'No live access',
};

const DOTS: Record<SocketStatus, string> = {
  connecting: 'bg-amber-400',
  open: 'bg-emerald-500',
  reconnecting: 'bg-amber-500 animate-pulse',
  forbidden: 'bg-red-500',
};

/** Whether the live counter is live: a coloured dot plus words (never colour alone). */
export function ConnectionIndicator({ status }: { status: SocketStatus }) {
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
