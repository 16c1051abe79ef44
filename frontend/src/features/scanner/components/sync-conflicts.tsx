import type { SyncedScan } from '@/features/scanner/offline/door-db';
import { Badge } from '@/components/ui/badge';
import { formatEventTime } from '@/lib/event-time';

/** Why the server refused an offline admission after the fact (`detail` is its reason). */
function refusalText(reason: string): string {
  switch (reason) {
    case 'cancelled':
      return 'The ticket had been cancelled meanwhile.';
    case 'not_started':
      return 'Scanned before check-in opened (or this device’s clock is wrong): not admitted.';
    case 'expired':
      return 'Scanned after check-in closed: not admitted.';
    default:
      return `The server refused it (${reason || 'no reason given'}).`;
  }
}

function explain(scan: SyncedScan): { label: string; text: string } {
  switch (scan.outcome) {
    case 'offline_conflict':
      return {
        label: 'Conflict',
        text: 'Admitted here offline, but this ticket had already been admitted elsewhere: two people got in on one ticket.',
      };
    case 'duplicate':
      return { label: 'Double scan', text: 'This device had already admitted it.' };
    default:
      return { label: 'Refused later', text: refusalText(scan.detail) };
  }
}

/**
 * What the server said about offline admissions it could not confirm: the door staff must
 * see each one (the organizer sees them flagged in the scan log too).
 */
export function SyncConflicts({ synced, timeZone }: { synced: SyncedScan[]; timeZone: string }) {
  const problems = synced.filter((scan) => scan.outcome !== 'accepted');
  if (problems.length === 0) return null;
  return (
    <section
      aria-labelledby="conflicts-heading"
      className="flex flex-col gap-2 rounded-xl border-2 border-red-300 bg-red-50 p-3"
      data-testid="sync-conflicts"
    >
      <h2 id="conflicts-heading" className="text-base font-semibold text-red-900">
        Offline admissions with a problem ({problems.length})
      </h2>
      <ul className="flex flex-col gap-2">
        {problems.map((scan) => {
          const { label, text } = explain(scan);
          return (
            <li
              key={scan.clientScanId}
              className="flex flex-col gap-0.5 rounded-lg bg-white px-3 py-2 text-sm"
              data-outcome={scan.outcome}
            >
              <span className="flex flex-wrap items-center gap-2">
                <Badge tone="danger">{label}</Badge>
                <span className="font-medium">
                  {scan.holderName || 'Ticket'} · Ticket #{scan.ticketId}
                </span>
                <time dateTime={scan.scannedAt} className="ml-auto text-xs text-slate-500">
                  {formatEventTime(scan.scannedAt, timeZone)} · {scan.gate}
                </time>
              </span>
              <span className="text-slate-700">{text}</span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
