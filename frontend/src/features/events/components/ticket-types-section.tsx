import { useState, type SubmitEvent } from 'react';

import { useCreateTicketType } from '@/features/events/api/create-ticket-type';
import { useDeleteTicketType } from '@/features/events/api/delete-ticket-type';
import { useUpdateTicketType } from '@/features/events/api/update-ticket-type';
import { useRowEdit } from '@/features/events/hooks/use-row-edit';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { TextareaField } from '@/components/ui/textarea-field';
import { formAlertMessage, type ApiError } from '@/lib/errors';
import {
  describeTimeZone,
  formatEventDateTime,
  isoToWallTime,
  wallTimeToIso,
} from '@/lib/event-time';
import { formatPrice, formatSold } from '@/lib/format';
import type { Event, TicketType, TicketTypeInput } from '@/types/api';

/** The inputs of a ticket type as strings; empty optional numbers and dates mean "none". */
interface TypeFormValues {
  name: string;
  description: string;
  price: string;
  quota: string;
  salesStart: string;
  salesEnd: string;
  maxPerBooking: string;
  position: string;
  hidden: boolean;
}

const TYPE_FIELDS = [
  'name',
  'description',
  'price',
  'quota',
  'sales_start',
  'sales_end',
  'max_per_booking',
  'position',
  'hidden',
] as const;

function emptyValues(position: number): TypeFormValues {
  return {
    name: '',
    description: '',
    price: '0.00',
    quota: '',
    salesStart: '',
    salesEnd: '',
    maxPerBooking: '',
    position: String(position),
    hidden: false,
  };
}

/** A type's values, its sales window on the wall clock of the event's zone (as the event form). */
function valuesOf(type: TicketType, timeZone: string): TypeFormValues {
  return {
    name: type.name,
    description: type.description,
    price: type.price,
    quota: type.quota === null ? '' : String(type.quota),
    salesStart: type.sales_start ? isoToWallTime(type.sales_start, timeZone) : '',
    salesEnd: type.sales_end ? isoToWallTime(type.sales_end, timeZone) : '',
    maxPerBooking: type.max_per_booking === null ? '' : String(type.max_per_booking),
    position: String(type.position),
    hidden: type.hidden,
  };
}

function toInput(values: TypeFormValues, timeZone: string): TicketTypeInput {
  const optionalNumber = (value: string) => (value.trim() === '' ? null : Number(value));
  return {
    name: values.name.trim(),
    description: values.description.trim(),
    price: values.price.trim().replace(',', '.') || '0',
    quota: optionalNumber(values.quota),
    sales_start: values.salesStart ? wallTimeToIso(values.salesStart, timeZone) : null,
    sales_end: values.salesEnd ? wallTimeToIso(values.salesEnd, timeZone) : null,
    max_per_booking: optionalNumber(values.maxPerBooking),
    position: Number(values.position || '0'),
    hidden: values.hidden,
  };
}

function TicketTypeForm({
  initial,
  timeZone,
  submitLabel,
  pending,
  error,
  onSubmit,
  onCancel,
}: {
  initial: TypeFormValues;
  /** The event's zone: the sales window is read and written on its wall clock. */
  timeZone: string;
  submitLabel: string;
  pending: boolean;
  error: ApiError | null;
  onSubmit: (input: TicketTypeInput) => void;
  onCancel?: () => void;
}) {
  const [values, setValues] = useState(initial);
  const [nameMissing, setNameMissing] = useState(false);
  // quota_below_sold is a conflict with the seats sold: said next to Quota, not at the top.
  const quotaError = error?.code === 'quota_below_sold' ? error.detail : error?.fieldError('quota');
  const alert =
    error && error.code !== 'quota_below_sold' ? formAlertMessage(error, TYPE_FIELDS) : null;

  function bind(key: Exclude<keyof TypeFormValues, 'hidden'>) {
    return {
      name: key,
      value: values[key],
      onChange: (e: { target: { value: string } }) => {
        setValues((v) => ({ ...v, [key]: e.target.value }));
      },
    };
  }

  function handleSubmit(formEvent: SubmitEvent<HTMLFormElement>) {
    formEvent.preventDefault();
    const missing = values.name.trim() === '';
    setNameMissing(missing);
    if (!missing) onSubmit(toInput(values, timeZone));
  }

  return (
    <form onSubmit={handleSubmit} noValidate className="flex flex-col gap-3">
      {alert && <Alert>{alert}</Alert>}
      <div className="grid gap-3 sm:grid-cols-2">
        <Field
          label="Name"
          required
          {...bind('name')}
          error={nameMissing ? 'This field is required.' : error?.fieldError('name')}
        />
        <Field
          label="Price"
          inputMode="decimal"
          hint="0 for free tickets"
          {...bind('price')}
          error={error?.fieldError('price')}
        />
        <Field
          label="Quota"
          type="number"
          inputMode="numeric"
          min={1}
          hint="Leave empty: only the event capacity limits it"
          {...bind('quota')}
          error={quotaError}
        />
        <Field
          label="Per booking at most"
          type="number"
          inputMode="numeric"
          min={1}
          hint="Leave empty: the event's limit"
          {...bind('maxPerBooking')}
          error={error?.fieldError('max_per_booking')}
        />
        <Field
          label="Sales start"
          type="datetime-local"
          hint={`Leave empty: on sale at once. ${describeTimeZone(timeZone)} time`}
          {...bind('salesStart')}
          error={error?.fieldError('sales_start')}
        />
        <Field
          label="Sales end"
          type="datetime-local"
          hint={`Leave empty: until the event ends. ${describeTimeZone(timeZone)} time`}
          {...bind('salesEnd')}
          error={error?.fieldError('sales_end')}
        />
        <Field
          label="Position"
          type="number"
          inputMode="numeric"
          min={0}
          hint="Lower numbers are listed first"
          {...bind('position')}
          error={error?.fieldError('position')}
        />
      </div>
      <div className="flex flex-col gap-1">
        <label className="flex min-h-11 cursor-pointer items-center gap-3">
          <input
            type="checkbox"
            role="switch"
            name="hidden"
            aria-checked={values.hidden}
            aria-describedby="hidden-type-hint"
            checked={values.hidden}
            onChange={(e) => {
              const { checked } = e.target;
              setValues((v) => ({ ...v, hidden: checked }));
            }}
            className="size-5 accent-indigo-600"
          />
          <span className="text-sm font-medium text-slate-800">Hidden</span>
        </label>
        <p id="hidden-type-hint" className="text-xs text-slate-500">
          Not listed on the event page: only buyers with an access code that unlocks it see and book
          it (create one under Codes).
        </p>
      </div>
      <TextareaField
        label="Ticket description"
        rows={2}
        {...bind('description')}
        error={error?.fieldError('description')}
      />
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={pending}>
          {pending ? 'Saving…' : submitLabel}
        </Button>
        {onCancel && (
          <Button variant="ghost" onClick={onCancel} disabled={pending}>
            Cancel
          </Button>
        )}
      </div>
    </form>
  );
}

/** When a type is on sale, in the event's zone. */
function salesWindow(type: TicketType, timeZone: string): string {
  const at = (iso: string) => formatEventDateTime(iso, timeZone);
  if (type.sales_start && type.sales_end) {
    return `On sale ${at(type.sales_start)} – ${at(type.sales_end)}`;
  }
  if (type.sales_start) return `On sale from ${at(type.sales_start)}`;
  if (type.sales_end) return `On sale until ${at(type.sales_end)}`;
  return 'On sale now';
}

function TicketTypeRow({ event, type }: { event: Event; type: TicketType }) {
  const updateMutation = useUpdateTicketType(event.id);
  const edit = useRowEdit(type.id, updateMutation);
  const deleteMutation = useDeleteTicketType(event.id);
  const deleteError = deleteMutation.error;

  if (edit.editing) {
    return (
      <li className="px-3 py-3">
        <TicketTypeForm
          initial={valuesOf(type, event.timezone)}
          timeZone={event.timezone}
          submitLabel="Save ticket type"
          pending={updateMutation.isPending}
          error={updateMutation.error}
          onSubmit={edit.submit}
          onCancel={edit.cancel}
        />
      </li>
    );
  }

  return (
    <li className="flex flex-col gap-2 px-3 py-3" data-testid="ticket-type-row">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <p className="font-medium text-slate-900">
            {type.name} · {formatPrice(type.price, event.currency)}
            {type.hidden && (
              <span className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs font-medium text-slate-700">
                Hidden: access code only
              </span>
            )}
          </p>
          <p className="text-sm text-slate-600">
            {formatSold(type.sold, type.pending, type.quota)} · {type.available} available
            {type.max_per_booking !== null &&
              ` · at most ${String(type.max_per_booking)} per booking`}
          </p>
          <p className="text-sm text-slate-600">{salesWindow(type, event.timezone)}</p>
        </div>
        <div className="flex gap-2">
          <Button
            variant="secondary"
            aria-label={`Edit ${type.name}`}
            onClick={() => {
              edit.start();
              deleteMutation.reset();
            }}
          >
            Edit
          </Button>
          <Button
            variant="secondary"
            aria-label={`Delete ${type.name}`}
            disabled={deleteMutation.isPending}
            onClick={() => {
              deleteMutation.mutate(type.id);
            }}
          >
            Delete
          </Button>
        </div>
      </div>
      {deleteError && (
        <Alert
          title={
            deleteError.code === 'ticket_type_has_sales'
              ? `${type.name} has sales and is kept`
              : undefined
          }
        >
          {deleteError.code === 'ticket_type_has_sales'
            ? 'Tickets of this type were sold, so it cannot be deleted. To stop selling it, set its sales end or lower its quota to the tickets sold.'
            : deleteError.detail}
        </Alert>
      )}
    </li>
  );
}

/** The ticket types of an event: what buyers choose from, with price, quota and sales window. */
export function TicketTypesSection({ event }: { event: Event }) {
  const [adding, setAdding] = useState(false);
  const createMutation = useCreateTicketType(event.id);
  const types = [...event.ticket_types].sort((a, b) => a.position - b.position || a.id - b.id);
  const nextPosition = types.reduce((max, type) => Math.max(max, type.position + 1), 0);

  return (
    <section aria-labelledby="ticket-types-heading" className="flex flex-col gap-4">
      <div>
        <h2 id="ticket-types-heading" className="text-lg font-semibold">
          Ticket types
        </h2>
        <p className="text-sm text-slate-600">
          All types share the event capacity of {event.capacity}; a quota limits one type further.
        </p>
      </div>
      {types.length === 0 ? (
        <p className="text-sm text-slate-600">No ticket types yet: nothing can be booked.</p>
      ) : (
        <ul
          className="divide-y divide-slate-200 rounded-lg border border-slate-200"
          aria-label="Ticket types"
        >
          {types.map((type) => (
            <TicketTypeRow key={type.id} event={event} type={type} />
          ))}
        </ul>
      )}
      {adding ? (
        <div className="rounded-lg border border-slate-200 p-3">
          <h3 className="mb-2 font-semibold">New ticket type</h3>
          <TicketTypeForm
            initial={emptyValues(nextPosition)}
            timeZone={event.timezone}
            submitLabel="Add ticket type"
            pending={createMutation.isPending}
            error={createMutation.error}
            onSubmit={(data) => {
              createMutation.mutate(data, {
                onSuccess: () => {
                  setAdding(false);
                },
              });
            }}
            onCancel={() => {
              setAdding(false);
              createMutation.reset();
            }}
          />
        </div>
      ) : (
        <Button
          variant="secondary"
          className="self-start"
          onClick={() => {
            setAdding(true);
          }}
        >
          Add ticket type
        </Button>
      )}
    </section>
  );
}
