import { Field } from '@/components/ui/field';
import { QuestionInput } from '@/features/bookings/components/question-input';
import {
  bookingQuestions,
  ticketQuestions,
  type Answers,
  type HolderDraft,
  type TicketSlot,
} from '@/features/bookings/utils/attendees';
import type { ApiError } from '@/lib/errors';
import type { Question } from '@/types/api';

interface AttendeeFieldsProps {
  slots: readonly TicketSlot[];
  questions: readonly Question[];
  drafts: Readonly<Record<string, HolderDraft | undefined>>;
  onDraftChange: (key: string, draft: HolderDraft) => void;
  bookingAnswers: Answers;
  onBookingAnswersChange: (answers: Answers) => void;
  /** The booker's name: what a ticket left unnamed carries. */
  bookerName: string;
  error: ApiError | null;
}

function slotTitle(slot: TicketSlot, slots: readonly TicketSlot[]): string {
  const ofType = slots.filter((s) => s.typeId === slot.typeId).length;
  return ofType > 1 ? `${slot.typeName}, ticket ${String(slot.number)}` : slot.typeName;
}

function HolderFieldset({
  slot,
  index,
  title,
  props,
}: {
  slot: TicketSlot;
  index: number;
  title: string;
  props: AttendeeFieldsProps;
}) {
  const draft = props.drafts[slot.key] ?? { name: '', answers: {} };
  const asked = ticketQuestions(props.questions, slot.typeId);
  const prefix = `attendees.${String(index)}`;
  return (
    <fieldset className="flex flex-col gap-3 rounded-lg border border-slate-200 px-3 py-3">
      <legend className="px-1 text-sm font-semibold text-slate-900">{title}</legend>
      <Field
        label={`Name on this ticket (${title})`}
        placeholder={props.bookerName}
        hint={`Leave empty for ${props.bookerName || 'your name'}.`}
        maxLength={100}
        autoComplete="off"
        value={draft.name}
        error={props.error?.fieldError(`${prefix}.name`)}
        onChange={(e) => {
          props.onDraftChange(slot.key, { ...draft, name: e.target.value });
        }}
      />
      {asked.map((question) => (
        <QuestionInput
          key={question.id}
          question={question}
          value={draft.answers[String(question.id)]}
          error={props.error?.fieldError(`${prefix}.answers.${String(question.id)}`)}
          onChange={(value) => {
            props.onDraftChange(slot.key, {
              ...draft,
              answers: { ...draft.answers, [String(question.id)]: value },
            });
          }}
        />
      ))}
    </fieldset>
  );
}

/** Who holds each chosen ticket and the event's questions, per ticket and once per booking. */
export function AttendeeFields(props: AttendeeFieldsProps) {
  const { slots, questions, bookingAnswers, onBookingAnswersChange, error } = props;
  if (slots.length === 0) return null;
  const once = bookingQuestions(
    questions,
    slots.map((slot) => slot.typeId),
  );
  return (
    <section aria-label="Attendees" className="flex flex-col gap-3">
      <h3 className="text-base font-semibold text-slate-900">Who is coming</h3>
      {slots.map((slot, index) => (
        <HolderFieldset
          key={slot.key}
          slot={slot}
          index={index}
          title={slotTitle(slot, slots)}
          props={props}
        />
      ))}
      {once.length > 0 && (
        <fieldset className="flex flex-col gap-3 rounded-lg border border-slate-200 px-3 py-3">
          <legend className="px-1 text-sm font-semibold text-slate-900">About your booking</legend>
          {once.map((question) => (
            <QuestionInput
              key={question.id}
              question={question}
              value={bookingAnswers[String(question.id)]}
              error={error?.fieldError(`answers.${String(question.id)}`)}
              onChange={(value) => {
                onBookingAnswersChange({ ...bookingAnswers, [String(question.id)]: value });
              }}
            />
          ))}
        </fieldset>
      )}
    </section>
  );
}
