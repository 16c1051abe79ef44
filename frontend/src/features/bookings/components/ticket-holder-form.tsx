import { useState, type SubmitEvent } from 'react';

import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { useUpdateTicket } from '@/features/bookings/api/update-ticket';
import { QuestionInput } from '@/features/bookings/components/question-input';
import type { AnswerValue, Answers } from '@/features/bookings/utils/attendees';
import { formAlertMessage } from '@/lib/errors';
import type { Question, Ticket } from '@/types/api';

function initialAnswers(ticket: Ticket, asked: readonly Question[]): Answers {
  const answers: Answers = {};
  for (const question of asked) {
    const value = ticket.answers[String(question.id)];
    if (typeof value === 'string' || typeof value === 'boolean' || Array.isArray(value)) {
      answers[String(question.id)] = value as AnswerValue;
    }
  }
  return answers;
}

/** The holder changes the name on a ticket and its answers; the QR code stays the same. */
export function TicketHolderForm({
  ticket,
  asked,
  onDone,
}: {
  ticket: Ticket;
  asked: readonly Question[];
  onDone: () => void;
}) {
  const mutation = useUpdateTicket();
  const [name, setName] = useState(ticket.attendee_name);
  const [answers, setAnswers] = useState<Answers>(() => initialAnswers(ticket, asked));
  const error = mutation.error;

  function handleSubmit(formEvent: SubmitEvent<HTMLFormElement>) {
    formEvent.preventDefault();
    // An emptied answer is sent as null: the server clears it.
    const sent: Record<string, AnswerValue | null> = {};
    for (const question of asked) {
      const value = answers[String(question.id)];
      sent[String(question.id)] = value === undefined || value === '' ? null : value;
    }
    mutation.mutate(
      { ticketId: ticket.id, attendee_name: name, answers: sent },
      { onSuccess: onDone },
    );
  }

  const shown = ['attendee_name', ...asked.map((q) => `answers.${String(q.id)}`)];
  return (
    <form
      onSubmit={handleSubmit}
      noValidate
      className="flex flex-col gap-3"
      aria-label="Edit ticket holder"
    >
      {error?.code === 'ticket_edit_closed' ? (
        <Alert title="Too late to change">
          The event has started: the name and answers on this ticket can no longer be changed.
        </Alert>
      ) : (
        error && formAlertMessage(error, shown) && <Alert>{formAlertMessage(error, shown)}</Alert>
      )}
      <p className="text-sm text-slate-600">
        The QR code and backup code stay the same: only the name and answers change.
      </p>
      <Field
        label="Name on this ticket"
        value={name}
        maxLength={100}
        error={error?.fieldError('attendee_name')}
        onChange={(e) => {
          setName(e.target.value);
        }}
      />
      {asked.map((question) => (
        <QuestionInput
          key={question.id}
          question={question}
          value={answers[String(question.id)]}
          error={error?.fieldError(`answers.${String(question.id)}`)}
          onChange={(value) => {
            setAnswers((current) => ({ ...current, [String(question.id)]: value }));
          }}
        />
      ))}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={mutation.isPending}>
          {mutation.isPending ? 'Saving…' : 'Save'}
        </Button>
        <Button type="button" variant="secondary" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
