import { useState, type SubmitEvent } from 'react';

import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { SelectField } from '@/components/ui/select-field';
import { TextareaField } from '@/components/ui/textarea-field';
import { formAlertMessage, type ApiError } from '@/lib/errors';
import {
  KIND_LABELS,
  QUESTION_FIELDS,
  hasOptions,
  toQuestionInput,
  type QuestionFormValues,
} from '@/features/events/utils/question-form-values';
import type { QuestionInput, QuestionKind, QuestionScope, TicketType } from '@/types/api';

function TypeLimits({
  types,
  chosen,
  onChange,
  error,
}: {
  types: readonly TicketType[];
  chosen: number[];
  onChange: (ids: number[]) => void;
  error?: string;
}) {
  if (types.length < 2) return null;
  return (
    <fieldset className="flex flex-col gap-1">
      <legend className="text-sm font-medium text-slate-800">Asked for</legend>
      <p className="text-xs text-slate-500">Tick none to ask it for every ticket type.</p>
      {types.map((type) => (
        <label key={type.id} className="flex min-h-11 items-center gap-3 text-sm">
          <input
            type="checkbox"
            className="size-5 accent-indigo-600"
            checked={chosen.includes(type.id)}
            onChange={(e) => {
              onChange(
                e.target.checked ? [...chosen, type.id] : chosen.filter((id) => id !== type.id),
              );
            }}
          />
          {type.name}
        </label>
      ))}
      {error && <p className="text-sm text-red-700">{error}</p>}
    </fieldset>
  );
}

/** Add or edit one question: its label, kind, options, whether required, per what, for which types. */
export function QuestionForm({
  initial,
  types,
  submitLabel,
  pending,
  error,
  onSubmit,
  onCancel,
}: {
  initial: QuestionFormValues;
  types: readonly TicketType[];
  submitLabel: string;
  pending: boolean;
  error: ApiError | null;
  onSubmit: (input: QuestionInput) => void;
  onCancel: () => void;
}) {
  const [values, setValues] = useState(initial);
  const [labelMissing, setLabelMissing] = useState(false);
  const alert = error ? formAlertMessage(error, QUESTION_FIELDS) : null;
  function set<K extends keyof QuestionFormValues>(key: K, value: QuestionFormValues[K]) {
    setValues((v) => ({ ...v, [key]: value }));
  }

  function handleSubmit(formEvent: SubmitEvent<HTMLFormElement>) {
    formEvent.preventDefault();
    const missing = values.label.trim() === '';
    setLabelMissing(missing);
    if (!missing) onSubmit(toQuestionInput(values));
  }

  return (
    <form
      onSubmit={handleSubmit}
      noValidate
      className="flex flex-col gap-3"
      aria-label={submitLabel}
    >
      {alert && <Alert>{alert}</Alert>}
      <Field
        label="Question"
        required
        value={values.label}
        onChange={(e) => {
          set('label', e.target.value);
        }}
        error={labelMissing ? 'This field is required.' : error?.fieldError('label')}
      />
      <div className="grid gap-3 sm:grid-cols-2">
        <SelectField
          label="Answer"
          value={values.kind}
          onChange={(e) => {
            set('kind', e.target.value as QuestionKind);
          }}
          error={error?.fieldError('kind')}
        >
          {(Object.keys(KIND_LABELS) as QuestionKind[]).map((kind) => (
            <option key={kind} value={kind}>
              {KIND_LABELS[kind]}
            </option>
          ))}
        </SelectField>
        <SelectField
          label="Asked"
          value={values.per}
          onChange={(e) => {
            set('per', e.target.value as QuestionScope);
          }}
          error={error?.fieldError('per')}
        >
          <option value="ticket">For each ticket</option>
          <option value="booking">Once per booking</option>
        </SelectField>
      </div>
      {hasOptions(values.kind) && (
        <TextareaField
          label="Options"
          hint="One option a line"
          rows={4}
          value={values.options}
          onChange={(e) => {
            set('options', e.target.value);
          }}
          error={error?.fieldError('options')}
        />
      )}
      <label className="flex min-h-11 items-center gap-3 text-sm font-medium text-slate-800">
        <input
          type="checkbox"
          className="size-5 accent-indigo-600"
          checked={values.required}
          onChange={(e) => {
            set('required', e.target.checked);
          }}
        />
        Required
      </label>
      <TypeLimits
        types={types}
        chosen={values.ticketTypes}
        onChange={(ids) => {
          set('ticketTypes', ids);
        }}
        error={error?.fieldError('ticket_types')}
      />
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={pending}>
          {pending ? 'Saving…' : submitLabel}
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
