import { useMemo, useState, type SubmitEvent } from 'react';

import { useCategories } from '@/features/events/api/get-categories';
import {
  changedFields,
  emptyEventForm,
  EVENT_FIELDS,
  toEventInput,
  type EventFormValues,
  type FieldName,
} from '@/features/events/utils/event-form-values';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { TransfersSetting } from '@/features/events/components/transfers-setting';
import { WaitingListSetting } from '@/features/events/components/waiting-list-setting';
import { SelectField } from '@/components/ui/select-field';
import { TextareaField } from '@/components/ui/textarea-field';
import { formAlertMessage, type ApiError } from '@/lib/errors';
import { describeTimeZone, isValidTimeZone, supportedTimeZones } from '@/lib/event-time';
import type { EventCategoryValue, EventInput, PaymentMethod } from '@/types/api';

type FieldErrors = Partial<Record<FieldName, string>>;

const PAYMENT_METHODS: { method: PaymentMethod; label: string }[] = [
  { method: 'manual', label: 'Bank transfer or box office (you mark bookings paid)' },
  { method: 'stripe', label: 'Card, through Stripe' },
];

const REQUIRED: [keyof EventFormValues, FieldName][] = [
  ['title', 'title'],
  ['venue', 'venue'],
  ['timezone', 'timezone'],
  ['startsAt', 'starts_at'],
  ['endsAt', 'ends_at'],
  ['capacity', 'capacity'],
  ['price', 'price'],
  ['currency', 'currency'],
  ['maxPerBooking', 'max_per_booking'],
];

/**
 * Quick checks before a round trip, every one of them at once (never one error per submit);
 * the server's validation stays the authority and also answers all its errors together.
 */
function clientErrors(values: EventFormValues): FieldErrors {
  const errors: FieldErrors = {};
  for (const [key, field] of REQUIRED) {
    if (String(values[key]).trim() === '') errors[field] = 'This field is required.';
  }
  if (values.timezone && !isValidTimeZone(values.timezone)) {
    errors.timezone = 'Choose a time zone from the list.';
  }
  // Wall times in one zone compare as text ("2026-12-05T20:00" < "2026-12-05T23:00").
  if (values.startsAt && values.endsAt && values.endsAt <= values.startsAt) {
    errors.ends_at = 'The end must be after the start.';
  }
  if (values.checkinOpensAt && values.endsAt && values.checkinOpensAt >= values.endsAt) {
    errors.checkin_opens_at = 'Check-in must open before the end.';
  }
  return errors;
}

/** Field errors the server reports as codes rather than `fields`. */
function codeFieldErrors(error: ApiError | null): FieldErrors {
  if (error?.code === 'capacity_below_sold') return { capacity: error.detail };
  if (error?.code === 'price_set_per_type') {
    return { price: 'This event has several ticket types: set prices under Ticket types.' };
  }
  if (error?.code === 'payment_method_unavailable') {
    return { payment_methods: error.fieldError('payment_methods') ?? error.detail };
  }
  if (error?.code === 'event_in_past') return { starts_at: error.detail };
  if (error?.code === 'payment_instructions_required') {
    return { payment_instructions: error.fieldError('payment_instructions') ?? error.detail };
  }
  return {};
}

function alertFor(error: ApiError): string | null {
  switch (error.code) {
    case 'capacity_below_sold':
    case 'price_set_per_type':
    case 'payment_method_unavailable':
      return null; // shown next to its field
    case 'event_in_past':
    case 'payment_instructions_required':
      return null; // shown next to the field
    case 'event_cancelled':
      return 'This event has been cancelled and can no longer be edited.';
    default:
      return formAlertMessage(error, EVENT_FIELDS);
  }
}

interface CommonProps {
  initial?: EventFormValues;
  error: ApiError | null;
  pending: boolean;
}

export type EventFormProps = CommonProps &
  (
    | { mode: 'create'; onSubmit: (data: EventInput) => void }
    /** Only the changed fields are handed over. */
    | { mode: 'edit'; onSubmit: (data: Partial<EventInput>) => void }
  );

function TimeZoneField({
  value,
  error,
  onChange,
}: {
  value: string;
  error?: string;
  onChange: (value: string) => void;
}) {
  const zones = useMemo(() => {
    const all = supportedTimeZones();
    // UTC is not in every browser's list; a stored zone must stay selectable.
    return [...new Set(['UTC', value, ...all])].filter(Boolean).sort();
  }, [value]);
  return (
    <SelectField
      label="Time zone"
      name="timezone"
      required
      value={value}
      onChange={(e) => {
        onChange(e.target.value);
      }}
      hint="Where the event happens: its times are shown in this zone to everyone."
      error={error}
    >
      {zones.map((zone) => (
        <option key={zone} value={zone}>
          {zone.replaceAll('_', ' ')}
        </option>
      ))}
    </SelectField>
  );
}

/** Re-entry as a switch, with what it changes at the door in one sentence. */
function ReentrySwitch({
  checked,
  error,
  onChange,
}: {
  checked: boolean;
  error?: string;
  onChange: (checked: boolean) => void;
}) {
  return (
    <div className="flex flex-col gap-1">
      <label className="flex min-h-11 cursor-pointer items-center gap-3">
        <input
          type="checkbox"
          role="switch"
          name="allow_reentry"
          aria-checked={checked}
          aria-describedby="allow-reentry-hint"
          checked={checked}
          onChange={(e) => {
            onChange(e.target.checked);
          }}
          className="size-5 accent-indigo-600"
        />
        <span className="text-sm font-medium text-slate-800">Allow re-entry</span>
      </label>
      <p id="allow-reentry-hint" className="text-xs text-slate-500">
        On: door staff scan people out and back in, and the door counts who is inside now. Off: each
        ticket gets in once; a second scan is refused as already used.
      </p>
      {error && <p className="text-sm text-red-700">{error}</p>}
    </div>
  );
}

export function EventForm(props: EventFormProps) {
  const { mode, error, pending } = props;
  const [initial] = useState(() => props.initial ?? emptyEventForm());
  const [values, setValues] = useState(initial);
  const [localErrors, setLocalErrors] = useState<FieldErrors>({});
  const [unchanged, setUnchanged] = useState(false);
  // On create, untouched methods are left to the server: every method it has enabled.
  const [methodsTouched, setMethodsTouched] = useState(false);
  const categoriesQuery = useCategories();
  const serverCodeErrors = codeFieldErrors(error);
  const alert = error ? alertFor(error) : null;
  const zoneHint = isValidTimeZone(values.timezone)
    ? `${describeTimeZone(values.timezone)} time`
    : undefined;

  function fieldError(field: FieldName): string | undefined {
    return localErrors[field] ?? serverCodeErrors[field] ?? error?.fieldError(field);
  }

  function bind(
    key: Exclude<
      keyof EventFormValues,
      | 'publishNow'
      | 'paymentMethods'
      | 'category'
      | 'allowReentry'
      | 'waitingList'
      | 'allowTransfers'
    >,
  ) {
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
    const errors = clientErrors(values);
    setLocalErrors(errors);
    setUnchanged(false);
    if (Object.keys(errors).length > 0) return;
    if (props.mode === 'create') {
      const input = toEventInput(values);
      if (!methodsTouched) delete input.payment_methods;
      // Until the start: the server's default (which follows the start when it moves).
      if (values.allowTransfers && !values.transfersUntil) delete input.transfers_until;
      props.onSubmit(input);
      return;
    }
    const changes = changedFields(initial, values);
    if (Object.keys(changes).length === 0) {
      setUnchanged(true);
      return;
    }
    props.onSubmit(changes);
  }

  const categories = categoriesQuery.data ?? [];

  return (
    <form onSubmit={handleSubmit} noValidate className="flex flex-col gap-4">
      {alert && <Alert>{alert}</Alert>}
      {unchanged && <Alert tone="info">Nothing changed, so there is nothing to save.</Alert>}
      <Field label="Title" required {...bind('title')} error={fieldError('title')} />
      <TextareaField
        label="Description"
        {...bind('description')}
        error={fieldError('description')}
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Venue" required {...bind('venue')} error={fieldError('venue')} />
        <Field
          label="Venue address"
          autoComplete="street-address"
          hint="Street, city: for the map and the tickets"
          {...bind('venueAddress')}
          error={fieldError('venue_address')}
        />
        <SelectField
          label="Category"
          name="category"
          value={values.category}
          onChange={(e) => {
            const value = e.target.value as EventCategoryValue | '';
            setValues((v) => ({ ...v, category: value }));
          }}
          error={fieldError('category')}
        >
          <option value="">No category</option>
          {/* The stored value stays selectable while the list loads. */}
          {values.category && !categories.some((c) => c.value === values.category) && (
            <option value={values.category}>{values.category}</option>
          )}
          {categories.map((category) => (
            <option key={category.value} value={category.value}>
              {category.label}
            </option>
          ))}
        </SelectField>
        <TimeZoneField
          value={values.timezone}
          error={fieldError('timezone')}
          onChange={(timezone) => {
            setValues((v) => ({ ...v, timezone }));
          }}
        />
        <Field
          label="Starts at"
          type="datetime-local"
          required
          hint={zoneHint}
          {...bind('startsAt')}
          error={fieldError('starts_at')}
        />
        <Field
          label="Ends at"
          type="datetime-local"
          required
          min={values.startsAt || undefined}
          hint={zoneHint}
          {...bind('endsAt')}
          error={fieldError('ends_at')}
        />
        <Field
          label="Check-in opens at"
          type="datetime-local"
          hint={`Leave empty to open two hours before the start${zoneHint ? ` (${zoneHint})` : ''}`}
          {...bind('checkinOpensAt')}
          error={fieldError('checkin_opens_at')}
        />
        <Field
          label="Capacity"
          type="number"
          inputMode="numeric"
          min={1}
          required
          {...bind('capacity')}
          error={fieldError('capacity')}
        />
        <Field
          label="Price"
          inputMode="decimal"
          placeholder="25.00"
          hint="0 for a free event"
          required
          {...bind('price')}
          error={fieldError('price')}
        />
        <Field
          label="Currency"
          maxLength={3}
          autoCapitalize="characters"
          placeholder="EUR"
          required
          {...bind('currency')}
          error={fieldError('currency')}
        />
        <Field
          label="Max tickets per booking"
          type="number"
          inputMode="numeric"
          min={1}
          required
          {...bind('maxPerBooking')}
          error={fieldError('max_per_booking')}
        />
      </div>
      <fieldset className="flex flex-col gap-4 rounded-lg border border-slate-200 p-3">
        <legend className="px-1 text-sm font-semibold text-slate-800">Payments</legend>
        <div className="flex flex-col gap-1">
          <p className="text-sm font-medium text-slate-800" id="payment-methods-label">
            How buyers may pay for paid tickets
          </p>
          <div role="group" aria-labelledby="payment-methods-label" className="flex flex-col">
            {PAYMENT_METHODS.map(({ method, label }) => (
              <label key={method} className="flex min-h-11 cursor-pointer items-center gap-3">
                <input
                  type="checkbox"
                  name="payment_methods"
                  value={method}
                  checked={values.paymentMethods.includes(method)}
                  onChange={(e) => {
                    const { checked } = e.target;
                    setMethodsTouched(true);
                    setValues((v) => ({
                      ...v,
                      paymentMethods: checked
                        ? [...v.paymentMethods, method]
                        : v.paymentMethods.filter((m) => m !== method),
                    }));
                  }}
                  className="size-5 accent-indigo-600"
                />
                <span className="text-sm text-slate-800">{label}</span>
              </label>
            ))}
          </div>
          {fieldError('payment_methods') ? (
            <p className="text-sm text-red-700">{fieldError('payment_methods')}</p>
          ) : (
            <p className="text-xs text-slate-500">
              Card payments are offered only when this server has Stripe keys.
            </p>
          )}
        </div>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field
            label="Card payment hold (minutes)"
            type="number"
            inputMode="numeric"
            min={1}
            hint="How long seats stay held while a buyer pays by card"
            {...bind('holdMinutes')}
            error={fieldError('hold_minutes')}
          />
          <Field
            label="Manual payment deadline (hours)"
            type="number"
            inputMode="numeric"
            min={1}
            hint="Time to pay by transfer or at the box office; never past the start"
            {...bind('manualPaymentHours')}
            error={fieldError('manual_payment_hours')}
          />
          <Field
            label="Attendees may cancel until"
            type="datetime-local"
            hint="Leave empty: until the event starts"
            {...bind('attendeeCancelUntil')}
            error={fieldError('attendee_cancel_until')}
          />
        </div>
        {values.paymentMethods.includes('manual') && (
          <TextareaField
            label="Payment instructions"
            hint="Shown to buyers who pay manually: bank details, box office hours. Ask them to use their booking number as the reference."
            {...bind('paymentInstructions')}
            error={fieldError('payment_instructions')}
          />
        )}
      </fieldset>
      <ReentrySwitch
        checked={values.allowReentry}
        error={fieldError('allow_reentry')}
        onChange={(allowReentry) => {
          setValues((v) => ({ ...v, allowReentry }));
        }}
      />
      <WaitingListSetting
        on={values.waitingList}
        onChange={(waitingList) => {
          setValues((v) => ({ ...v, waitingList }));
        }}
        hours={bind('offerHours')}
        error={fieldError('offer_hours') ?? fieldError('waiting_list')}
      />
      <TransfersSetting
        allowed={values.allowTransfers}
        onAllowedChange={(allowTransfers) => {
          setValues((v) => ({ ...v, allowTransfers }));
        }}
        until={bind('transfersUntil')}
        hint={zoneHint}
        error={fieldError('transfers_until')}
      />
      {mode === 'create' && (
        <div className="flex flex-col gap-1">
          <label className="flex min-h-11 cursor-pointer items-center gap-3">
            <input
              type="checkbox"
              name="publishNow"
              checked={values.publishNow}
              onChange={(e) => {
                setValues((v) => ({ ...v, publishNow: e.target.checked }));
              }}
              className="size-5 accent-indigo-600"
            />
            <span className="text-sm font-medium text-slate-800">Publish now</span>
          </label>
          <p className="text-xs text-slate-500">
            Unticked, the event is saved as a draft that only you can see.
          </p>
          {fieldError('status') && <p className="text-sm text-red-700">{fieldError('status')}</p>}
        </div>
      )}
      <Button type="submit" className="sm:self-start" disabled={pending}>
        {mode === 'create'
          ? pending
            ? 'Creating…'
            : 'Create event'
          : pending
            ? 'Saving…'
            : 'Save changes'}
      </Button>
    </form>
  );
}
