import type { RecentScan } from '@/features/scanner/door/types';
import { reasonTitle } from '@/features/scanner/utils/reasons';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { formatEventTime } from '@/lib/event-time';

function describe(scan: RecentScan): { label: string; tone: BadgeTone; name: string } {
  const { outcome } = scan;
  switch (outcome.kind) {
    case 'accepted':
      return { label: 'Admitted', tone: 'success', name: outcome.result.ticket?.holder_name ?? '' };
    case 'rejected':
      return {
        label: reasonTitle(outcome.result.reason),
        tone: 'danger',
        name: outcome.result.ticket?.holder_name ?? '',
      };
    case 'offline': {
      const { decision } = outcome.local;
      const name = decision.ticket?.holderName ?? '';
      return decision.status === 'accepted'
        ? { label: 'Admitted (offline)', tone: 'success', name }
        : { label: `${reasonTitle(decision.reason)} (offline)`, tone: 'danger', name };
    }
    case 'queued':
      return { label: 'Waiting', tone: 'warning', name: '' };
    case 'error':
      return { label: 'Not checked', tone: 'neutral', name: outcome.error.detail };
  }
}

/** This device's last results, newest first: "was that last one green?" at a glance. */
export function RecentScans({ scans, timeZone }: { scans: RecentScan[]; timeZone: string }) {
  return (
    <section aria-labelledby="recent-heading" className="flex flex-col gap-2">
      <h2 id="recent-heading" className="text-base font-semibold">
        Recent scans
      </h2>
      {scans.length === 0 ? (
        <p className="text-sm text-slate-600">No scans yet on this device.</p>
      ) : (
        <ul
          className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white"
          data-testid="recent-scans"
        >
          {scans.map((scan) => {
            const { label, tone, name } = describe(scan);
            return (
              <li
                key={scan.key}
                className="flex items-center gap-3 px-3 py-2 text-sm"
                data-status={scan.outcome.kind}
              >
                <Badge tone={tone}>{label}</Badge>
                <span className="min-w-0 flex-1 truncate" title={scan.code}>
                  {name || <span className="text-slate-500">{scan.code.slice(0, 16)}</span>}
                  {scan.fromQueue && (
                    <span className="ml-1 text-xs text-slate-500">(checked after reconnect)</span>
                  )}
                </span>
                <time dateTime={scan.time} className="text-xs text-slate-500 tabular-nums">
                  {formatEventTime(scan.time, timeZone)}
                </time>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
