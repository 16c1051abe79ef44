import { useRef, useState, type ReactNode, type SubmitEvent } from 'react';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';

import { useCreateBooking } from '@/features/bookings/api/create-booking';
import { useAllBookings } from '@/features/bookings/api/get-bookings';
import { useEventWithCode } from '@/features/bookings/api/get-event-with-code';
import { AttendeeFields } from '@/features/bookings/components/attendee-fields';
import { CodeField } from '@/features/bookings/components/code-field';
import { PaymentMethodChoice } from '@/features/bookings/components/payment-method-choice';
import { SoldOut, WaitForTypes } from '@/features/bookings/components/waiting-list-join';
import { useHolders } from '@/features/bookings/hooks/use-holders';
import { validTicketCount } from '@/features/bookings/utils/booking-state';
import { codeErrorMessage, discountCents } from '@/features/bookings/utils/discount';
import { fromCents, toCents, totalOf } from '@/features/bookings/utils/money';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { buttonClasses } from '@/components/ui/button-classes';
import { SelectField } from '@/components/ui/select-field';
import { paths } from '@/config/paths';
import { useAuth } from '@/lib/auth/context';
import { NETWORK_ERROR, formAlertMessage, toApiError, type ApiError } from '@/lib/errors';
import { isPast } from '@/lib/datetime';
import { formatEventDateTime } from '@/lib/event-time';
import { formatPrice } from '@/lib/format';
import { randomUuid } from '@/lib/uuid';
import type {
  Booking,
  BookingItemRequest,
  BookTicketRequest,
  Event,
  PaymentMethod,
  TicketType,
} from '@/types/api';

/** Location state that My tickets reads to greet a fresh booking. */
export interface BookedState {
  bookedId: number;
}

const linkClass = 'font-semibold underline underline-offset-2';

/** Whether the outcome of a failed attempt is unknown, so a retry must reuse its key. */
function outcomeUnknown(error: ApiError): boolean {
  return error.code === NETWORK_ERROR || error.status >= 500;
}

function BookingErrorAlert({ error, next }: { error: ApiError; next: string }) {
  let title: string | undefined;
  let body: ReactNode;
  switch (error.code) {
    case 'sold_out':
      title = 'Sold out';
      body = 'All tickets for this event are gone.';
      break;
    case 'capacity_exceeded':
      title = 'Not enough tickets left';
      // The server's detail says how many are left; availability above is refreshed.
      body = `${error.detail} Choose fewer tickets and try again.`;
      break;
    case 'duplicate_booking':
      title = 'You already have tickets for this event';
      body = (
        <>
          See them in{' '}
          <Link to={paths.myTickets} className={linkClass}>
            My tickets
          </Link>
          .
        </>
      );
      break;
    case 'ticket_type_sold_out':
      title = 'Sold out';
      body = `${error.detail} Choose another ticket type.`;
      break;
    case 'sales_not_open':
      title = 'Sales have not started';
      body = error.detail;
      break;
    case 'sales_closed':
      title = 'Sales have ended';
      body = error.detail;
      break;
    case 'ticket_type_required':
      title = 'Choose your tickets';
      body = 'Pick how many tickets of which type you want.';
      break;
    case 'payment_method_unavailable':
      title = 'This payment method is not available';
      body = 'Choose another way to pay and try again.';
      break;
    case 'event_not_bookable':
      title = 'This event cannot be booked';
      body = 'It has ended, been cancelled, or is not open for booking.';
      break;
    case 'permission_denied':
      body = 'Only attendee accounts can book tickets.';
      break;
    case 'code_invalid':
    case 'code_used_up':
    case 'code_not_applicable':
      title = 'Your code cannot be used';
      body = codeErrorMessage(error);
      break;
    case NETWORK_ERROR:
      title = 'Your booking was not confirmed';
      body =
        'We could not reach the server. Press “Book tickets” again: if the first try went through, you will not be booked twice.';
      break;
    default:
      if (error.status === 401) {
        body = (
          <>
            Your session has expired.{' '}
            <Link to={paths.loginWithNext(next)} className={linkClass}>
              Sign in again
            </Link>{' '}
            to book.
          </>
        );
      } else {
        body =
          formAlertMessage(error, ['quantity', 'items', 'payment_method']) ??
          (error.code === 'validation_error' ? 'Check the answers marked below.' : null);
      }
  }
  if (!body) return null;
  return <Alert title={title}>{body}</Alert>;
}

type SaleState = { kind: 'on_sale'; left: number } | { kind: 'closed'; reason: string };

/** Whether a ticket type can be bought right now, and if not, why (read at render time). */
function saleState(type: TicketType, timeZone: string): SaleState {
  if (type.sales_start && !isPast(type.sales_start)) {
    return {
      kind: 'closed',
      reason: `On sale from ${formatEventDateTime(type.sales_start, timeZone)}`,
    };
  }
  if (type.sales_end && isPast(type.sales_end)) return { kind: 'closed', reason: 'Sales ended' };
  if (type.available <= 0) return { kind: 'closed', reason: 'Sold out' };
  return { kind: 'on_sale', left: type.available };
}

function TicketTypeRow({
  type,
  state,
  quantity,
  max,
  onlyOne,
  currency,
  error,
  onChange,
}: {
  type: TicketType;
  state: SaleState;
  quantity: number;
  max: number;
  onlyOne: boolean;
  currency: string;
  error?: string;
  onChange: (quantity: number) => void;
}) {
  const first = onlyOne ? 1 : 0;
  return (
    <li className="flex flex-wrap items-end justify-between gap-3 py-3" data-testid="ticket-type">
      <div className="min-w-0 flex-1">
        <p className="font-semibold text-slate-900">{type.name}</p>
        {type.description && <p className="text-sm text-slate-600">{type.description}</p>}
        <p className="text-sm">
          <span className="font-medium">{formatPrice(type.price, currency)}</span>
          {state.kind === 'closed' ? (
            <span className="text-slate-600"> · {state.reason}</span>
          ) : (
            state.left <= 10 && <span className="text-amber-800"> · {state.left} left</span>
          )}
        </p>
      </div>
      {state.kind === 'on_sale' && (
        <SelectField
          label={onlyOne ? 'Quantity' : `${type.name} quantity`}
          name={`quantity-${String(type.id)}`}
          className="w-32"
          value={quantity}
          onChange={(e) => {
            onChange(Number(e.target.value));
          }}
          error={error}
        >
          {Array.from({ length: max - first + 1 }, (_, i) => i + first).map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </SelectField>
      )}
    </li>
  );
}

function priceOf(types: readonly TicketType[], id: number): string {
  return types.find((type) => type.id === id)?.price ?? '0';
}

/** Where to go after booking: a pending booking goes on to its payment page. */
function afterBooking(booking: Booking): string {
  return booking.status === 'pending_payment' ? paths.booking(booking.id) : paths.myTickets;
}

/** The code the buyer applied (a link may carry one: `?code=`), and the event as it shows it. */
function useAppliedCode(event: Event) {
  const [searchParams] = useSearchParams();
  const [code, setCode] = useState<string | null>(() => searchParams.get('code') || null);
  const query = useEventWithCode(event.id, code);
  const applied = code !== null && query.data?.code ? query.data : null;
  return {
    // Hidden types an access code unlocks are listed in its answer, with their prices.
    shown: applied ?? event,
    terms: applied?.code ?? null,
    checking: code !== null && query.isFetching,
    error: code !== null ? query.error : null,
    apply: setCode,
    remove: () => {
      setCode(null);
    },
  };
}

function BookingForm({ event: publicEvent }: { event: Event }) {
  const navigate = useNavigate();
  const location = useLocation();
  const bookingMutation = useCreateBooking();
  const code = useAppliedCode(publicEvent);
  const event = code.shown;
  const types = [...event.ticket_types].sort((a, b) => a.position - b.position || a.id - b.id);
  const states = new Map(types.map((type) => [type.id, saleState(type, event.timezone)]));
  const onSale = types.filter((type) => states.get(type.id)?.kind === 'on_sale');
  const onlyOne = onSale.length === 1;
  const [quantities, setQuantities] = useState<Record<number, number>>({});
  const [chosenMethod, setMethod] = useState<PaymentMethod | null>(null);
  // The key of the last attempt whose outcome is unknown (network error, 5xx).
  const pendingAttempt = useRef<{ body: string; key: string } | null>(null);

  const perBooking = Math.max(1, Math.min(event.max_per_booking, event.tickets_available));
  function maxFor(type: TicketType): number {
    return Math.max(1, Math.min(perBooking, type.max_per_booking ?? perBooking, type.available));
  }
  // Availability may drop after a refetch: never keep more than is offered.
  const items: BookingItemRequest[] = onSale
    .map((type) => ({
      ticket_type: type.id,
      quantity: Math.min(quantities[type.id] ?? (onlyOne ? 1 : 0), maxFor(type)),
    }))
    .filter((item) => item.quantity > 0);
  const count = items.reduce((sum, item) => sum + item.quantity, 0);
  const priced = items.map((item) => ({
    ticketType: { id: item.ticket_type, price: priceOf(types, item.ticket_type) },
    quantity: item.quantity,
  }));
  const gross = totalOf(
    priced.map((line) => ({ unitPrice: line.ticketType.price, quantity: line.quantity })),
  );
  const discount = code.terms ? fromCents(discountCents(code.terms, priced)) : '0.00';
  const total = fromCents(toCents(gross) - toCents(discount));
  const needsPayment = Number(total) > 0;
  // What the buyer may choose now (manual is left out while too many seats await a transfer).
  const methods = event.payment_methods_offered;
  const method = chosenMethod ?? (methods.length === 1 ? (methods[0] ?? null) : null);
  const error = bookingMutation.error;
  const holders = useHolders(event, items);
  const { user } = useAuth();
  const [localError, setLocalError] = useState<string | null>(null);

  function handleSubmit(formEvent: SubmitEvent<HTMLFormElement>) {
    formEvent.preventDefault();
    if (count === 0) {
      setLocalError('Choose at least one ticket.');
      return;
    }
    if (count > event.max_per_booking) {
      setLocalError(`At most ${String(event.max_per_booking)} tickets per booking.`);
      return;
    }
    if (needsPayment && !method) {
      setLocalError('Choose how you want to pay.');
      return;
    }
    setLocalError(null);
    const request: BookTicketRequest = { event: event.id, items, ...holders.requestPart() };
    if (needsPayment && method) request.payment_method = method;
    if (code.terms) request.code = code.terms.code;
    const body = JSON.stringify(request);
    const previous = pendingAttempt.current;
    const key = previous?.body === body ? previous.key : randomUuid();
    pendingAttempt.current = { body, key };
    // mutateAsync, not mutate's callbacks: once booked, the panel may already show "You have
    // N tickets" instead of this form (its query refetched), and an unmounted form's
    // callbacks never run; the navigation must happen anyway.
    bookingMutation.mutateAsync({ ...request, idempotencyKey: key }).then(
      (booking) => {
        pendingAttempt.current = null;
        void navigate(afterBooking(booking), {
          state: { bookedId: booking.id } satisfies BookedState,
        });
      },
      (failure: unknown) => {
        if (!outcomeUnknown(toApiError(failure))) pendingAttempt.current = null;
      },
    );
  }

  if (onSale.length === 0) {
    return (
      <ul className="divide-y divide-slate-200">
        {types.map((type) => (
          <TicketTypeRow
            key={type.id}
            type={type}
            state={states.get(type.id) ?? { kind: 'closed', reason: 'Not on sale' }}
            quantity={0}
            max={0}
            onlyOne={false}
            currency={event.currency}
            onChange={() => undefined}
          />
        ))}
      </ul>
    );
  }

  return (
    <form onSubmit={handleSubmit} noValidate className="flex flex-col gap-4">
      {localError && <Alert>{localError}</Alert>}
      {error && <BookingErrorAlert error={error} next={location.pathname} />}
      <ul className="divide-y divide-slate-200" aria-label="Ticket types">
        {types.map((type) => (
          <TicketTypeRow
            key={type.id}
            type={type}
            state={states.get(type.id) ?? { kind: 'closed', reason: 'Not on sale' }}
            quantity={Math.min(quantities[type.id] ?? (onlyOne ? 1 : 0), maxFor(type))}
            max={maxFor(type)}
            onlyOne={onlyOne}
            currency={event.currency}
            error={onlyOne ? error?.fieldError('quantity') : undefined}
            onChange={(quantity) => {
              setQuantities((q) => ({ ...q, [type.id]: quantity }));
            }}
          />
        ))}
      </ul>
      <p className="text-xs text-slate-500">Up to {perBooking} tickets per booking.</p>
      <CodeField
        applied={code.terms}
        checking={code.checking}
        error={code.error}
        currency={event.currency}
        onApply={code.apply}
        onRemove={code.remove}
      />
      <AttendeeFields {...holders} bookerName={user?.name ?? ''} error={error} />
      {needsPayment && methods.length > 0 && (
        <PaymentMethodChoice
          methods={methods}
          value={method}
          onChange={setMethod}
          error={error?.fieldError('payment_method')}
        />
      )}
      {toCents(discount) > 0 && (
        <p className="text-sm text-emerald-800" data-testid="discount-line">
          <span>Discount ({code.terms?.code}): </span>
          <span className="font-semibold">−{formatPrice(discount, event.currency)}</span>
        </p>
      )}
      <p className="text-base">
        <span className="text-slate-600">Total: </span>
        <output className="font-semibold text-slate-900" aria-live="polite">
          {formatPrice(total, event.currency)}
        </output>
      </p>
      <Button type="submit" className="sm:self-start" disabled={bookingMutation.isPending}>
        {bookingMutation.isPending ? 'Booking…' : 'Book tickets'}
      </Button>
    </form>
  );
}

function Notice({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-slate-50 px-4 py-3">
      <p className="font-semibold text-slate-900">{title}</p>
      {children && <div className="mt-1 text-sm text-slate-600">{children}</div>}
    </div>
  );
}

/** The signed-in attendee's standing booking for this event, if any. */
function useBookingFor(event: Event, enabled: boolean): { booking?: Booking; pending: boolean } {
  const bookingsQuery = useAllBookings({ enabled });
  const booking = bookingsQuery.data?.results.find(
    (b) => b.event === event.id && validTicketCount(b) > 0,
  );
  return { booking, pending: enabled && bookingsQuery.isPending };
}

function YourTickets({ booking }: { booking: Booking }) {
  const count = validTicketCount(booking);
  const tickets = `${String(count)} ${count === 1 ? 'ticket' : 'tickets'}`;
  if (booking.status === 'pending_payment') {
    return (
      <div className="flex flex-col gap-3 rounded-lg border border-amber-200 bg-amber-50 px-4 py-3">
        <p className="font-semibold text-amber-900">
          {tickets} held for you: they are yours once paid
        </p>
        <Link to={paths.booking(booking.id)} className={buttonClasses('primary', 'self-start')}>
          {booking.payment.method === 'manual' ? 'How to pay' : 'Pay now'}
        </Link>
      </div>
    );
  }
  return (
    <div className="flex flex-col gap-3 rounded-lg border border-emerald-200 bg-emerald-50 px-4 py-3">
      <p className="font-semibold text-emerald-900">
        You have {count} {count === 1 ? 'ticket' : 'tickets'} for this event
      </p>
      <Link to={paths.myTickets} className={buttonClasses('primary', 'self-start')}>
        Show my tickets
      </Link>
    </div>
  );
}

/** What the event page offers for booking: the form, the tickets you hold, or why neither. */
export function BookingPanel({ event }: { event: Event }) {
  const { user } = useAuth();
  const location = useLocation();
  const isAttendee = user?.role === 'attendee';
  const mayHold =
    isAttendee &&
    (event.phase === 'on_sale' || event.phase === 'sold_out' || event.phase === 'live');
  const { booking, pending } = useBookingFor(event, mayHold);

  let content: ReactNode;
  if (event.phase === 'cancelled') {
    content = <Notice title="This event has been cancelled">It can no longer be booked.</Notice>;
  } else if (event.phase === 'draft') {
    content = <Notice title="Not open for booking">This event has not been published yet.</Notice>;
  } else if (event.phase === 'ended') {
    content = <Notice title="This event has ended" />;
  } else if (pending) {
    content = <p className="text-sm text-slate-600">Checking your tickets…</p>;
  } else if (booking) {
    content = <YourTickets booking={booking} />;
  } else if (event.phase === 'sold_out' || event.tickets_available <= 0) {
    content = <SoldOut event={event} next={location.pathname} />;
  } else if (!user) {
    content = (
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <Link
          to={paths.loginWithNext(location.pathname)}
          className={buttonClasses('primary', 'self-start')}
        >
          Sign in to book
        </Link>
        <Link
          to={paths.registerWithNext(location.pathname)}
          className="inline-flex min-h-11 items-center text-sm font-medium text-indigo-700 hover:underline"
        >
          New here? Create an account
        </Link>
      </div>
    );
  } else if (!isAttendee) {
    content = (
      <Notice title="Booking is for attendees">
        You are signed in as an organizer. Use an attendee account to book tickets.
      </Notice>
    );
  } else {
    content = (
      <>
        <BookingForm event={event} />
        <WaitForTypes event={event} />
      </>
    );
  }

  return (
    <section aria-labelledby="booking-heading" className="flex flex-col gap-3">
      <h2 id="booking-heading" className="text-lg font-semibold">
        Tickets
      </h2>
      {content}
    </section>
  );
}
