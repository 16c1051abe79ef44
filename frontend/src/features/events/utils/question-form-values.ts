import type { Question, QuestionInput, QuestionKind, QuestionScope } from '@/types/api';

export const KIND_LABELS: Record<QuestionKind, string> = {
  text: 'Text',
  choice: 'One of the options',
  multiple: 'Any of the options',
  boolean: 'Yes or no (a required one must be ticked: a consent)',
};

export const QUESTION_FIELDS = [
  'label',
  'kind',
  'options',
  'required',
  'per',
  'ticket_types',
] as const;

export interface QuestionFormValues {
  label: string;
  kind: QuestionKind;
  /** One option a line. */
  options: string;
  required: boolean;
  per: QuestionScope;
  ticketTypes: number[];
  position: number;
}

export function emptyQuestion(position: number): QuestionFormValues {
  return {
    label: '',
    kind: 'text',
    options: '',
    required: false,
    per: 'ticket',
    ticketTypes: [],
    position,
  };
}

export function questionValues(question: Question): QuestionFormValues {
  return {
    label: question.label,
    kind: question.kind,
    options: question.options.join('\n'),
    required: question.required,
    per: question.per,
    ticketTypes: question.ticket_types.map((type) => type.id),
    position: question.position,
  };
}

export function hasOptions(kind: QuestionKind): boolean {
  return kind === 'choice' || kind === 'multiple';
}

export function toQuestionInput(values: QuestionFormValues): QuestionInput {
  return {
    label: values.label.trim(),
    kind: values.kind,
    options: hasOptions(values.kind)
      ? values.options
          .split('\n')
          .map((o) => o.trim())
          .filter(Boolean)
      : [],
    required: values.required,
    per: values.per,
    ticket_types: values.ticketTypes,
    position: values.position,
  };
}
