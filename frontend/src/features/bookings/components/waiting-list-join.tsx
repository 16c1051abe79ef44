import { useState, type SubmitEvent } from 'react';
import { Link } from 'react-router';

import { useMyWaitingList } from '@/features/bookings/api/get-waiting-list';
import { useJoinWaitingList } from '@/features/bookings/api/join-waiting-list';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { SelectField } from '@/components/ui/select-field';
import { paths } from '@/config/paths';
import { useAuth } from '@/lib/auth/context';
import { soldOutTypes } from '@/features/bookings/utils/waiting-list';
import { formAlertMessage, type ApiError } from '@/lib/errors';
import type { Event, TicketType } from '@/types/api';

const linkClass = 'font-semibold underline underline-offset-2';

function joinErrorMessage(error: ApiError): string | null {
  switch (error.code) {
    case 'not_sold_out':
      return 'Tickets are on sale again: book them above.';
    case 'already_waiting':
      return 'You are already on this waiting list.';
    case 'duplicate_booking':
      return 'You already have tickets for this event.';
    case 'waiting_list_off':
      return 'This event has no waiting list.';
    default:
      return formAlertMessage(error, ['quantity', 'ticket_type']);
  }
}

/**
 * "Join the waiting list" for a sold-out event (all its types) or for its sold-out types:
 * how many tickets of which type. Once queued, the buyer's place instead.
 */
export function WaitingListJoin({ event, types }: { event: Event; types: TicketType[] }) {
  const waitingQuery = useMyWaitingList();
  const join = useJoinWaitingList();
  const [typeId, setTypeId] = useState<number | null>(null);
  const [quantity, setQuantity] = useState(1);
  const queued = waitingQuery.data?.find(
    (entry) =>
      entry.event.id === event.id && (entry.status === 'waiting' || entry.status === 'offered'),
  );
  if (queued) {
    return (
      <div
        className="flex flex-col gap-2 rounded-lg border border-indigo-200 bg-indigo-50 px-4 py-3"
        data-testid="waiting-list-place"
      >
        <p className="font-semibold text-indigo-900">
          {queued.status === 'offered'
            ? 'Tickets are held for you'
            : `You are number ${String(queued.position ?? '?')} on the waiting list`}
        </p>
        <Link to={paths.waitingList} className={`${linkClass} text-sm text-indigo-800`}>
          {queued.status === 'offered' ? 'Accept the offer' : 'My waiting list'}
        </Link>
      </div>
    );
  }
  const chosen = types.find((type) => type.id === typeId) ?? types[0];
  if (!chosen) return null;
  const max = Math.max(1, Math.min(event.max_per_booking, chosen.max_per_booking ?? 100));

  function handleSubmit(formEvent: SubmitEvent<HTMLFormElement>) {
    formEvent.preventDefault();
    if (!chosen) return;
    join.mutate({ eventId: event.id, ticket_type: chosen.id, quantity: Math.min(quantity, max) });
  }

  const message = join.error ? joinErrorMessage(join.error) : null;
  return (
    <form
      onSubmit={handleSubmit}
      noValidate
      aria-label="Waiting list"
      className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white px-4 py-3"
    >
      <p className="text-sm text-slate-700">
        Join the waiting list: when tickets come back, they are held for the people waiting, in
        order, and you get an e-mail to book them.
      </p>
      {message && <Alert>{message}</Alert>}
      <div className="flex flex-wrap items-end gap-3">
        {types.length > 1 && (
          <SelectField
            label="Ticket type"
            name="waiting-ticket-type"
            className="w-48"
            value={chosen.id}
            onChange={(e) => {
              setTypeId(Number(e.target.value));
            }}
          >
            {types.map((type) => (
              <option key={type.id} value={type.id}>
                {type.name}
              </option>
            ))}
          </SelectField>
        )}
        <SelectField
          label="Tickets wanted"
          name="waiting-quantity"
          className="w-32"
          value={Math.min(quantity, max)}
          onChange={(e) => {
            setQuantity(Number(e.target.value));
          }}
          error={join.error?.fieldError('quantity')}
        >
          {Array.from({ length: max }, (_, i) => i + 1).map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </SelectField>
        <Button type="submit" disabled={join.isPending}>
          {join.isPending ? 'Joining…' : 'Join the waiting list'}
        </Button>
      </div>
    </form>
  );
}

/** A sold-out event: the notice, and its waiting list (to join, or sign in to join). */
export function SoldOut({ event, next }: { event: Event; next: string }) {
  const { user } = useAuth();
  return (
    <>
      <div className="rounded-lg border border-slate-200 bg-slate-50 px-4 py-3">
        <p className="font-semibold text-slate-900">Sold out</p>
        <p className="mt-1 text-sm text-slate-600">
          There are no tickets left for this event.
          {event.waiting_list && !user && (
            <>
              {' '}
              <Link to={paths.loginWithNext(next)} className={linkClass}>
                Sign in
              </Link>{' '}
              to join the waiting list.
            </>
          )}
        </p>
      </div>
      {event.waiting_list && user?.role === 'attendee' && (
        <WaitingListJoin event={event} types={event.ticket_types} />
      )}
    </>
  );
}

/** Beside the booking form: the sold-out types of an event still on sale may be waited for. */
export function WaitForTypes({ event }: { event: Event }) {
  const types = soldOutTypes(event);
  return types.length > 0 ? <WaitingListJoin event={event} types={types} /> : null;
}
