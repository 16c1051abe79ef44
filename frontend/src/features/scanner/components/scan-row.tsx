import type { ReactNode } from 'react';

import { scanResultLabel } from '@/features/scanner/utils/reasons';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { cn } from '@/lib/cn';
import { formatEventTimeSeconds } from '@/lib/event-time';
import type { Scan, ScanResult } from '@/types/api';

const TONES: Record<ScanResult, BadgeTone> = {
  accepted: 'success',
  rejected: 'danger',
  undone: 'neutral',
};

const BORDERS: Record<ScanResult, string> = {
  accepted: 'border-l-emerald-500',
  rejected: 'border-l-red-500',
  undone: 'border-l-slate-400',
};

/** One scan: result, who, where, when; flagged when the ticket may be shared. */
export function ScanRow({
  scan,
  timeZone,
  actions,
}: {
  scan: Scan;
  /** The event's zone: the log is read in it. */
  timeZone: string;
  actions?: ReactNode;
}) {
  return (
    <li
      className={cn(
        'flex flex-col gap-1 border-l-4 bg-white px-3 py-2 text-sm',
        BORDERS[scan.result],
      )}
      data-result={scan.result}
      data-scan-id={scan.id}
    >
      <div className="flex flex-wrap items-center gap-2">
        <Badge tone={TONES[scan.result]}>{scanResultLabel(scan.result, scan.reason)}</Badge>
        {scan.suspected_sharing && <Badge tone="warning">⚠ Possible shared ticket</Badge>}
        {scan.offline && <Badge tone="accent">Offline scan</Badge>}
        {scan.method === 'manual' && <Badge tone="neutral">Manual</Badge>}
        {scan.direction === 'out' && <Badge tone="neutral">Out</Badge>}
        <time dateTime={scan.scanned_at} className="ml-auto text-xs text-slate-500 tabular-nums">
          {formatEventTimeSeconds(scan.scanned_at, timeZone)}
        </time>
      </div>
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        {scan.ticket?.ticket_type && (
          <span className="rounded border border-slate-400 px-1.5 text-xs font-bold text-slate-900 uppercase">
            {scan.ticket.ticket_type.name}
          </span>
        )}
        <span className="font-medium">
          {scan.ticket
            ? `${scan.ticket.attendee_name} · Ticket #${String(scan.ticket.id)}`
            : 'Unknown code'}
        </span>
        <span className="text-slate-600">
          {scan.gate} · by {scan.scanner.name}
        </span>
        {scan.list && (
          // Scans on Entry name no list (null); another list is said, so a lounge admission
          // is not read as one at the door.
          <span className="text-slate-600" data-testid="scan-list">
            {scan.list.name}
          </span>
        )}
        {actions && <div className="ml-auto">{actions}</div>}
      </div>
    </li>
  );
}
