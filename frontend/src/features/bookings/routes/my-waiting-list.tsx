import { Link, useNavigate } from 'react-router';

import { useAcceptOffer } from '@/features/bookings/api/accept-offer';
import { useMyWaitingList } from '@/features/bookings/api/get-waiting-list';
import { useLeaveWaitingList } from '@/features/bookings/api/leave-waiting-list';
import { AttendeeFields } from '@/features/bookings/components/attendee-fields';
import type { BookedState } from '@/features/bookings/components/booking-panel';
import { useHoldersOf } from '@/features/bookings/hooks/use-holders';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { LoadFailed } from '@/components/ui/load-failed';
import { Spinner } from '@/components/ui/spinner';
import { paths } from '@/config/paths';
import { useAuth } from '@/lib/auth/context';
import { formAlertMessage, type ApiError } from '@/lib/errors';
import { formatEventDateTime } from '@/lib/event-time';
import { useDocumentTitle } from '@/lib/use-document-title';
import type { MyWaitingListEntry, WaitingStatus } from '@/types/api';

const STATUS_TEXT: Record<WaitingStatus, string> = {
  waiting: 'Waiting',
  offered: 'Tickets held for you',
  booked: 'Booked',
  expired: 'Offer expired',
  left: 'Left the list',
};

const STATUS_TONE: Record<WaitingStatus, string> = {
  waiting: 'bg-slate-100 text-slate-800',
  offered: 'bg-emerald-100 text-emerald-900',
  booked: 'bg-indigo-100 text-indigo-900',
  expired: 'bg-amber-100 text-amber-900',
  left: 'bg-slate-100 text-slate-600',
};

function acceptErrorMessage(error: ApiError): string | null {
  switch (error.code) {
    case 'offer_expired':
      return 'This offer has expired: its tickets went to the next person waiting.';
    case 'not_offered':
      return 'No tickets are held for you on this list (any more).';
    case 'duplicate_booking':
      return 'You already have tickets for this event: see My tickets.';
    default:
      return formAlertMessage(error, []) ?? error.detail;
  }
}

/** An offer's tickets, named and with the event's questions answered, as in the booking form. */
function useOfferHolders(entry: MyWaitingListEntry) {
  return useHoldersOf(
    entry.event.id,
    [{ ticket_type: entry.ticket_type.id, quantity: entry.quantity }],
    () => entry.ticket_type.name,
  );
}

function EntryCard({ entry }: { entry: MyWaitingListEntry }) {
  const navigate = useNavigate();
  const accept = useAcceptOffer();
  const leave = useLeaveWaitingList();
  const { user } = useAuth();
  const holders = useOfferHolders(entry);
  const { event } = entry;
  const queued = entry.status === 'waiting' || entry.status === 'offered';

  function handleAccept() {
    accept.mutateAsync({ entryId: entry.id, ...holders.requestPart() }).then(
      (booking) => {
        if (booking.status === 'pending_payment') {
          void navigate(paths.booking(booking.id));
        } else {
          void navigate(paths.myTickets, {
            state: { bookedId: booking.id } satisfies BookedState,
          });
        }
      },
      () => undefined,
    );
  }

  const error = accept.error ? acceptErrorMessage(accept.error) : null;
  return (
    <article
      className="flex flex-col gap-3 rounded-xl border border-slate-200 bg-white p-4"
      data-testid="waiting-entry"
      aria-label={`Waiting list: ${event.title}`}
    >
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <Link
            to={paths.eventDetail(event.id)}
            className="font-semibold text-slate-900 hover:underline"
          >
            {event.title}
          </Link>
          <p className="text-sm text-slate-600">
            {formatEventDateTime(event.starts_at, event.timezone)} · {entry.quantity} ×{' '}
            {entry.ticket_type.name}
          </p>
        </div>
        <span
          className={`rounded-full px-2.5 py-0.5 text-xs font-semibold ${STATUS_TONE[entry.status]}`}
          data-testid="waiting-status"
        >
          {STATUS_TEXT[entry.status]}
        </span>
      </div>
      {entry.status === 'waiting' && entry.position !== null && (
        <p className="text-sm text-slate-700">
          You are number <strong>{entry.position}</strong> in the queue.
        </p>
      )}
      {entry.status === 'offered' && entry.offer_expires_at && (
        <p className="text-sm font-medium text-emerald-900" data-testid="offer-deadline">
          Held for you until {formatEventDateTime(entry.offer_expires_at, event.timezone)}. Not
          booked by then, they go to the next person waiting.
        </p>
      )}
      {entry.status === 'offered' && holders.questions.length > 0 && (
        <AttendeeFields {...holders} bookerName={user?.name ?? ''} error={accept.error ?? null} />
      )}
      {error && <Alert>{error}</Alert>}
      {queued && (
        <div className="flex flex-wrap gap-3">
          {entry.status === 'offered' && (
            <Button onClick={handleAccept} disabled={accept.isPending}>
              {accept.isPending ? 'Booking…' : 'Accept the offer'}
            </Button>
          )}
          <Button
            variant="secondary"
            onClick={() => {
              leave.mutate(entry.id);
            }}
            disabled={leave.isPending}
          >
            Leave the waiting list
          </Button>
        </div>
      )}
      {entry.status === 'booked' && entry.booking !== null && (
        <Link
          to={paths.booking(entry.booking)}
          className="text-sm font-medium text-indigo-700 hover:underline"
        >
          See the booking
        </Link>
      )}
    </article>
  );
}

/** The person's waiting lists: their place in each queue, and offers to accept in time. */
export function MyWaitingListRoute() {
  useDocumentTitle('My waiting list');
  const query = useMyWaitingList();
  return (
    <section className="flex flex-col gap-5">
      <h1 className="text-2xl font-semibold tracking-tight">My waiting list</h1>
      {query.isPending ? (
        <div className="flex justify-center py-12">
          <Spinner label="Loading your waiting list" />
        </div>
      ) : query.isError ? (
        <LoadFailed
          title="Your waiting list could not be loaded"
          detail={query.error.detail}
          onRetry={() => {
            void query.refetch();
          }}
        />
      ) : query.data.length === 0 ? (
        <p className="rounded-xl border border-dashed border-slate-300 bg-white px-4 py-12 text-center font-medium">
          You are on no waiting list.
        </p>
      ) : (
        <ul className="flex flex-col gap-4" aria-label="Waiting lists">
          {query.data.map((entry) => (
            <li key={entry.id}>
              <EntryCard entry={entry} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
