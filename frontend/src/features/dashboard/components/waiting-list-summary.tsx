import { Link } from 'react-router';

import { useEventWaitingList } from '@/features/dashboard/api/get-event-waiting-list';
import { paths } from '@/config/paths';
import type { WaitingStatus } from '@/types/api';

const SHOWN: { status: WaitingStatus; label: string }[] = [
  { status: 'waiting', label: 'Waiting' },
  { status: 'offered', label: 'Offered now' },
  { status: 'booked', label: 'Booked from an offer' },
  { status: 'expired', label: 'Offers expired' },
];

/** How the event's waiting list stands (people, not tickets); nothing while nobody joined. */
export function WaitingListSummary({ eventId }: { eventId: number }) {
  const query = useEventWaitingList(eventId);
  const entries = query.data ?? [];
  if (entries.length === 0) return null;
  const count = (status: WaitingStatus) => entries.filter((e) => e.status === status).length;
  return (
    <section aria-labelledby="waiting-summary-heading" className="flex flex-col gap-2">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="waiting-summary-heading" className="text-lg font-semibold">
          Waiting list
        </h2>
        <Link
          to={paths.manageEvent(eventId)}
          className="text-sm font-medium text-indigo-700 hover:underline"
        >
          See who waits
        </Link>
      </div>
      <dl className="grid grid-cols-2 gap-2 sm:grid-cols-4" data-testid="waiting-summary">
        {SHOWN.map(({ status, label }) => (
          <div key={status} className="rounded-xl border border-slate-200 bg-white p-3">
            <dt className="text-xs font-medium text-slate-600">{label}</dt>
            <dd className="text-2xl font-bold tabular-nums">{count(status)}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
