import { useState, type SubmitEvent } from 'react';

import { useCreateCode } from '@/features/events/api/create-code';
import { useDeleteCode } from '@/features/events/api/delete-code';
import { useCodes } from '@/features/events/api/get-codes';
import { useUpdateCode } from '@/features/events/api/update-code';
import { useRowEdit } from '@/features/events/hooks/use-row-edit';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { SelectField } from '@/components/ui/select-field';
import { Spinner } from '@/components/ui/spinner';
import { formAlertMessage, type ApiError } from '@/lib/errors';
import {
  describeTimeZone,
  formatEventDateTime,
  isoToWallTime,
  wallTimeToIso,
} from '@/lib/event-time';
import { formatPrice } from '@/lib/format';
import type { Code, CodeInput, CodeKind, Event } from '@/types/api';

/** The inputs of a code as strings; empty optional numbers and dates mean "none". */
interface CodeFormValues {
  code: string;
  kind: CodeKind;
  discountBy: 'percent' | 'amount';
  value: string;
  ticketTypes: number[];
  maxUses: string;
  validFrom: string;
  validUntil: string;
}

const CODE_FIELDS = [
  'code',
  'kind',
  'percent_off',
  'amount_off',
  'ticket_types',
  'max_uses',
  'valid_from',
  'valid_until',
] as const;

const EMPTY: CodeFormValues = {
  code: '',
  kind: 'discount',
  discountBy: 'percent',
  value: '',
  ticketTypes: [],
  maxUses: '',
  validFrom: '',
  validUntil: '',
};

function valuesOf(code: Code, timeZone: string): CodeFormValues {
  return {
    code: code.code,
    kind: code.kind,
    discountBy: code.amount_off !== null ? 'amount' : 'percent',
    value: code.amount_off ?? code.percent_off ?? '',
    ticketTypes: code.ticket_types,
    maxUses: code.max_uses === null ? '' : String(code.max_uses),
    validFrom: code.valid_from ? isoToWallTime(code.valid_from, timeZone) : '',
    validUntil: code.valid_until ? isoToWallTime(code.valid_until, timeZone) : '',
  };
}

function toInput(values: CodeFormValues, timeZone: string): CodeInput {
  const amount = values.value.trim().replace(',', '.');
  const discount = values.kind === 'discount';
  return {
    code: values.code.trim(),
    kind: values.kind,
    percent_off: discount && values.discountBy === 'percent' ? amount : null,
    amount_off: discount && values.discountBy === 'amount' ? amount : null,
    ticket_types: values.ticketTypes,
    max_uses: values.maxUses.trim() === '' ? null : Number(values.maxUses),
    valid_from: values.validFrom ? wallTimeToIso(values.validFrom, timeZone) : null,
    valid_until: values.validUntil ? wallTimeToIso(values.validUntil, timeZone) : null,
  };
}

/** What a code does, in one line: "20% off · VIP", "€5.00 off each ticket", "Unlocks Crew". */
function codeTerms(code: Code, event: Event): string {
  const names = event.ticket_types
    .filter((type) => code.ticket_types.includes(type.id))
    .map((type) => type.name);
  const types = names.length > 0 ? names.join(', ') : 'all ticket types';
  if (code.kind === 'access') return `Unlocks ${types}`;
  const off =
    code.percent_off !== null
      ? `${String(Number(code.percent_off))}% off`
      : `${formatPrice(code.amount_off ?? '0', event.currency)} off each ticket`;
  return `${off} · ${types}`;
}

function CodeForm({
  event,
  initial,
  submitLabel,
  pending,
  error,
  onSubmit,
  onCancel,
}: {
  event: Event;
  initial: CodeFormValues;
  submitLabel: string;
  pending: boolean;
  error: ApiError | null;
  onSubmit: (input: CodeInput) => void;
  onCancel: () => void;
}) {
  const [values, setValues] = useState(initial);
  const [missing, setMissing] = useState<string | null>(null);
  const alert = error ? formAlertMessage(error, CODE_FIELDS) : null;
  const zone = `${describeTimeZone(event.timezone)} time`;

  function bind(key: 'code' | 'value' | 'maxUses' | 'validFrom' | 'validUntil') {
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
    const needed =
      values.code.trim() === ''
        ? 'code'
        : values.kind === 'discount' && values.value.trim() === ''
          ? 'value'
          : null;
    setMissing(needed);
    if (!needed) onSubmit(toInput(values, event.timezone));
  }

  const valueError =
    missing === 'value'
      ? 'This field is required.'
      : (error?.fieldError('percent_off') ?? error?.fieldError('amount_off'));

  return (
    <form onSubmit={handleSubmit} noValidate className="flex flex-col gap-3">
      {alert && <Alert>{alert}</Alert>}
      <div className="grid gap-3 sm:grid-cols-2">
        <Field
          label="Code"
          required
          autoCapitalize="characters"
          hint="Letters, digits, - or _; buyers may type it in any case"
          {...bind('code')}
          error={missing === 'code' ? 'This field is required.' : error?.fieldError('code')}
        />
        <SelectField
          label="Kind"
          name="kind"
          value={values.kind}
          onChange={(e) => {
            const kind = e.target.value as CodeKind;
            setValues((v) => ({ ...v, kind }));
          }}
          error={error?.fieldError('kind')}
        >
          <option value="discount">Discount</option>
          <option value="access">Access (unlocks hidden ticket types)</option>
        </SelectField>
        {values.kind === 'discount' && (
          <>
            <SelectField
              label="Discount by"
              name="discountBy"
              value={values.discountBy}
              onChange={(e) => {
                const discountBy = e.target.value as 'percent' | 'amount';
                setValues((v) => ({ ...v, discountBy }));
              }}
            >
              <option value="percent">Percent off each ticket</option>
              <option value="amount">Amount off each ticket ({event.currency})</option>
            </SelectField>
            <Field
              label={values.discountBy === 'percent' ? 'Percent off' : 'Amount off'}
              inputMode="decimal"
              hint={
                values.discountBy === 'percent'
                  ? 'More than 0, at most 100'
                  : 'Never takes a ticket below 0'
              }
              {...bind('value')}
              error={valueError}
            />
          </>
        )}
        <Field
          label="Uses at most"
          type="number"
          inputMode="numeric"
          min={1}
          hint="Bookings; leave empty for no limit"
          {...bind('maxUses')}
          error={error?.fieldError('max_uses')}
        />
        <Field
          label="Valid from"
          type="datetime-local"
          hint={`Leave empty: at once. ${zone}`}
          {...bind('validFrom')}
          error={error?.fieldError('valid_from')}
        />
        <Field
          label="Valid until"
          type="datetime-local"
          hint={`Leave empty: until the event ends. ${zone}`}
          {...bind('validUntil')}
          error={error?.fieldError('valid_until')}
        />
      </div>
      <fieldset className="flex flex-col gap-1">
        <legend className="text-sm font-medium text-slate-800">
          {values.kind === 'access' ? 'Unlocks' : 'Applies to'} (none ticked: all ticket types)
        </legend>
        {event.ticket_types.map((type) => (
          <label key={type.id} className="flex min-h-11 items-center gap-3 text-sm">
            <input
              type="checkbox"
              name="ticket_types"
              value={type.id}
              checked={values.ticketTypes.includes(type.id)}
              onChange={(e) => {
                const { checked } = e.target;
                setValues((v) => ({
                  ...v,
                  ticketTypes: checked
                    ? [...v.ticketTypes, type.id]
                    : v.ticketTypes.filter((id) => id !== type.id),
                }));
              }}
              className="size-5 accent-indigo-600"
            />
            {type.name} · {formatPrice(type.price, event.currency)}
            {type.hidden && ' (hidden)'}
          </label>
        ))}
        {error?.fieldError('ticket_types') && (
          <p className="text-sm text-red-700">{error.fieldError('ticket_types')}</p>
        )}
      </fieldset>
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={pending}>
          {pending ? 'Saving…' : submitLabel}
        </Button>
        <Button variant="ghost" onClick={onCancel} disabled={pending}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

function validity(code: Code, timeZone: string): string | null {
  const at = (iso: string) => formatEventDateTime(iso, timeZone);
  if (code.valid_from && code.valid_until) {
    return `Valid ${at(code.valid_from)} – ${at(code.valid_until)}`;
  }
  if (code.valid_from) return `Valid from ${at(code.valid_from)}`;
  if (code.valid_until) return `Valid until ${at(code.valid_until)}`;
  return null;
}

function CodeRow({ event, code }: { event: Event; code: Code }) {
  const updateMutation = useUpdateCode(event.id);
  const edit = useRowEdit(code.id, updateMutation);
  const deleteMutation = useDeleteCode(event.id);
  const window = validity(code, event.timezone);

  if (edit.editing) {
    return (
      <li className="px-3 py-3">
        <CodeForm
          event={event}
          initial={valuesOf(code, event.timezone)}
          submitLabel="Save code"
          pending={updateMutation.isPending}
          error={updateMutation.error}
          onSubmit={edit.submit}
          onCancel={edit.cancel}
        />
      </li>
    );
  }

  return (
    <li className="flex flex-col gap-2 px-3 py-3" data-testid="code-row">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <p className="font-mono font-semibold text-slate-900">
            {code.code}
            {!code.active && (
              <span className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 font-sans text-xs font-medium text-slate-700">
                Inactive
              </span>
            )}
          </p>
          <p className="text-sm text-slate-600">{codeTerms(code, event)}</p>
          <p className="text-sm text-slate-600" data-testid="code-uses">
            Used {code.uses}
            {code.max_uses !== null ? ` of ${String(code.max_uses)}` : ''}{' '}
            {code.uses === 1 ? 'time' : 'times'}
            {window && ` · ${window}`}
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          <Button variant="secondary" aria-label={`Edit ${code.code}`} onClick={edit.start}>
            Edit
          </Button>
          <Button
            variant="secondary"
            aria-label={`${code.active ? 'Deactivate' : 'Activate'} ${code.code}`}
            disabled={updateMutation.isPending}
            onClick={() => {
              updateMutation.mutate({ id: code.id, data: { active: !code.active } });
            }}
          >
            {code.active ? 'Deactivate' : 'Activate'}
          </Button>
          {code.uses === 0 && (
            <Button
              variant="secondary"
              aria-label={`Delete ${code.code}`}
              disabled={deleteMutation.isPending}
              onClick={() => {
                deleteMutation.mutate(code.id);
              }}
            >
              Delete
            </Button>
          )}
        </div>
      </div>
      {(updateMutation.error ?? deleteMutation.error) && (
        <Alert>{(updateMutation.error ?? deleteMutation.error)?.detail}</Alert>
      )}
    </li>
  );
}

/** The event's discount and access codes: their terms and uses, add, change, deactivate. */
export function CodesSection({ event }: { event: Event }) {
  const [adding, setAdding] = useState(false);
  const codesQuery = useCodes(event.id);
  const createMutation = useCreateCode(event.id);

  return (
    <section aria-labelledby="codes-heading" className="flex flex-col gap-4">
      <div>
        <h2 id="codes-heading" className="text-lg font-semibold">
          Codes
        </h2>
        <p className="text-sm text-slate-600">
          Discount codes take a percent or an amount off each ticket; access codes unlock hidden
          ticket types. A used code can be deactivated but is kept.
        </p>
      </div>
      {codesQuery.isPending ? (
        <Spinner label="Loading codes" />
      ) : codesQuery.isError ? (
        <Alert>{codesQuery.error.detail}</Alert>
      ) : codesQuery.data.length === 0 ? (
        <p className="text-sm text-slate-600">No codes yet.</p>
      ) : (
        <ul
          className="divide-y divide-slate-200 rounded-lg border border-slate-200"
          aria-label="Codes"
        >
          {codesQuery.data.map((code) => (
            <CodeRow key={code.id} event={event} code={code} />
          ))}
        </ul>
      )}
      {adding ? (
        <div className="rounded-lg border border-slate-200 p-3">
          <h3 className="mb-2 font-semibold">New code</h3>
          <CodeForm
            event={event}
            initial={EMPTY}
            submitLabel="Add code"
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
          Add code
        </Button>
      )}
    </section>
  );
}
