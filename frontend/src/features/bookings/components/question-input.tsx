import { useId } from 'react';

import { Field } from '@/components/ui/field';
import { SelectField } from '@/components/ui/select-field';
import type { AnswerValue } from '@/features/bookings/utils/attendees';
import type { Question } from '@/types/api';

interface QuestionInputProps {
  question: Question;
  value: AnswerValue | undefined;
  onChange: (value: AnswerValue) => void;
  error?: string;
}

function labelOf(question: Question): string {
  return question.required ? `${question.label} (required)` : question.label;
}

function ErrorText({ id, error }: { id: string; error?: string }) {
  if (!error) return null;
  return (
    <p id={id} className="text-sm text-red-700">
      {error}
    </p>
  );
}

function ManyOptions({ question, value, onChange, error }: QuestionInputProps) {
  const errorId = useId();
  const chosen = Array.isArray(value) ? value : [];
  return (
    <fieldset
      className="flex flex-col gap-1"
      aria-invalid={error ? true : undefined}
      aria-describedby={error ? errorId : undefined}
    >
      <legend className="text-sm font-medium text-slate-800">{labelOf(question)}</legend>
      {question.options.map((option) => (
        <label key={option} className="flex min-h-11 items-center gap-3 text-sm">
          <input
            type="checkbox"
            className="size-5 accent-indigo-600"
            checked={chosen.includes(option)}
            onChange={(e) => {
              onChange(e.target.checked ? [...chosen, option] : chosen.filter((o) => o !== option));
            }}
          />
          {option}
        </label>
      ))}
      <ErrorText id={errorId} error={error} />
    </fieldset>
  );
}

function YesNo({ question, value, onChange, error }: QuestionInputProps) {
  const errorId = useId();
  return (
    <div className="flex flex-col gap-1">
      <label className="flex min-h-11 items-center gap-3 text-sm font-medium text-slate-800">
        <input
          type="checkbox"
          className="size-5 accent-indigo-600"
          checked={value === true}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          onChange={(e) => {
            onChange(e.target.checked);
          }}
        />
        {labelOf(question)}
      </label>
      <ErrorText id={errorId} error={error} />
    </div>
  );
}

/** One question of the event, as the input its kind needs, labelled and with its error. */
export function QuestionInput(props: QuestionInputProps) {
  const { question, value, onChange, error } = props;
  switch (question.kind) {
    case 'multiple':
      return <ManyOptions {...props} />;
    case 'boolean':
      return <YesNo {...props} />;
    case 'choice':
      return (
        <SelectField
          label={labelOf(question)}
          value={typeof value === 'string' ? value : ''}
          required={question.required}
          error={error}
          onChange={(e) => {
            onChange(e.target.value);
          }}
        >
          <option value="">Choose…</option>
          {question.options.map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </SelectField>
      );
    default:
      return (
        <Field
          label={labelOf(question)}
          value={typeof value === 'string' ? value : ''}
          required={question.required}
          maxLength={1000}
          error={error}
          onChange={(e) => {
            onChange(e.target.value);
          }}
        />
      );
  }
}
