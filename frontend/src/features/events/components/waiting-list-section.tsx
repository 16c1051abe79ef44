import { useEventWaitingList } from '@/features/events/api/get-event-waiting-list';
import { Spinner } from '@/components/ui/spinner';
import { formatEventDateTime } from '@/lib/event-time';
import type { Event, WaitingStatus } from '@/types/api';

const STATUS_TEXT: Record<WaitingStatus, string> = {
  waiting: 'Waiting',
  offered: 'Offered',
  booked: 'Booked',
  expired: 'Offer expired',
  left: 'Left',
};

/** Who waits for the event, in order: places, statuses, and until when offers hold seats. */
export function WaitingListSection({ event }: { event: Event }) {
  const query = useEventWaitingList(event.id);
  const entries = query.data ?? [];
  const waiting = entries.filter((entry) => entry.status === 'waiting').length;
  const offered = entries.filter((entry) => entry.status === 'offered').length;
  return (
    <section aria-labelledby="waiting-list-heading" className="flex flex-col gap-3">
      <h2 id="waiting-list-heading" className="text-lg font-semibold">
        Waiting list
      </h2>
      {!event.waiting_list && (
        <p className="text-sm text-slate-600">
          Off: switch on “Waiting list when sold out” above to let buyers queue.
        </p>
      )}
      {query.isPending ? (
        <Spinner label="Loading the waiting list" />
      ) : query.isError ? (
        <p className="text-sm text-red-700">The waiting list could not be loaded.</p>
      ) : entries.length === 0 ? (
        <p className="text-sm text-slate-600">Nobody has joined the waiting list.</p>
      ) : (
        <>
          <p className="text-sm text-slate-700">
            {waiting} waiting · {offered} offered · {event.waiting_held} seats held for offers
          </p>
          <ol className="divide-y divide-slate-200" aria-label="Waiting list entries">
            {entries.map((entry) => (
              <li
                key={entry.id}
                className="flex flex-wrap items-baseline justify-between gap-2 py-2 text-sm"
                data-testid="waiting-list-row"
              >
                <span className="min-w-0">
                  <span className="font-semibold tabular-nums">
                    {entry.position !== null ? `#${String(entry.position)}` : '–'}
                  </span>{' '}
                  {entry.user.name}{' '}
                  <span className="break-all text-slate-500">{entry.user.email}</span>
                  <span className="text-slate-600">
                    {' '}
                    · {entry.quantity} × {entry.ticket_type.name}
                  </span>
                </span>
                <span className="font-medium text-slate-800">
                  {STATUS_TEXT[entry.status]}
                  {entry.status === 'offered' && entry.offer_expires_at && (
                    <span className="font-normal text-slate-600">
                      {' '}
                      until {formatEventDateTime(entry.offer_expires_at, event.timezone)}
                    </span>
                  )}
                </span>
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
