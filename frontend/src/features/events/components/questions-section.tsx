import { useState } from 'react';

import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { useCreateQuestion } from '@/features/events/api/create-question';
import { useDeleteQuestion } from '@/features/events/api/delete-question';
import { useQuestions } from '@/features/events/api/get-questions';
import { useUpdateQuestion } from '@/features/events/api/update-question';
import { QuestionForm } from '@/features/events/components/question-form';
import { useRowEdit } from '@/features/events/hooks/use-row-edit';
import {
  KIND_LABELS,
  emptyQuestion,
  questionValues,
} from '@/features/events/utils/question-form-values';
import type { Event, Question } from '@/types/api';

function summary(question: Question): string {
  const parts = [
    KIND_LABELS[question.kind].replace(/ \(.*\)$/, ''),
    question.per === 'ticket' ? 'each ticket' : 'once per booking',
    question.required ? 'required' : 'optional',
  ];
  if (question.ticket_types.length > 0) {
    parts.push(`only ${question.ticket_types.map((type) => type.name).join(', ')}`);
  }
  return parts.join(' · ');
}

function QuestionRow({ event, question }: { event: Event; question: Question }) {
  const updateMutation = useUpdateQuestion(event.id);
  const edit = useRowEdit(question.id, updateMutation);
  const deleteMutation = useDeleteQuestion(event.id);

  if (edit.editing) {
    return (
      <li className="px-3 py-3">
        <QuestionForm
          initial={questionValues(question)}
          types={event.ticket_types}
          submitLabel="Save question"
          pending={updateMutation.isPending}
          error={updateMutation.error}
          onSubmit={edit.submit}
          onCancel={edit.cancel}
        />
      </li>
    );
  }

  return (
    <li className="flex flex-col gap-2 px-3 py-3" data-testid="question-row">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <p className="font-medium text-slate-900">{question.label}</p>
          <p className="text-sm text-slate-600">{summary(question)}</p>
          {question.options.length > 0 && (
            <p className="text-sm text-slate-600">Options: {question.options.join(', ')}</p>
          )}
        </div>
        <div className="flex gap-2">
          <Button variant="secondary" aria-label={`Edit ${question.label}`} onClick={edit.start}>
            Edit
          </Button>
          <Button
            variant="secondary"
            aria-label={`Delete ${question.label}`}
            disabled={deleteMutation.isPending}
            onClick={() => {
              deleteMutation.mutate(question.id);
            }}
          >
            Delete
          </Button>
        </div>
      </div>
      {deleteMutation.error && <Alert>{deleteMutation.error.detail}</Alert>}
    </li>
  );
}

/** What the booking form asks: per ticket or once per booking, for every type or some. */
export function QuestionsSection({ event }: { event: Event }) {
  const [adding, setAdding] = useState(false);
  const questionsQuery = useQuestions(event.id);
  const createMutation = useCreateQuestion(event.id);
  const questions = [...(questionsQuery.data ?? [])].sort(
    (a, b) => a.position - b.position || a.id - b.id,
  );
  const nextPosition = questions.reduce((max, q) => Math.max(max, q.position + 1), 0);

  return (
    <section aria-labelledby="questions-heading" className="flex flex-col gap-4">
      <div>
        <h2 id="questions-heading" className="text-lg font-semibold">
          Questions
        </h2>
        <p className="text-sm text-slate-600">
          Asked when booking (dietary needs, company, t-shirt size, consent); holders can change
          their answers until the start.
        </p>
      </div>
      {questionsQuery.isError && <Alert>{questionsQuery.error.detail}</Alert>}
      {questionsQuery.isSuccess && questions.length === 0 && (
        <p className="text-sm text-slate-600">No questions: only a name is asked per ticket.</p>
      )}
      {questions.length > 0 && (
        <ul
          className="divide-y divide-slate-200 rounded-lg border border-slate-200"
          aria-label="Questions"
        >
          {questions.map((question) => (
            <QuestionRow key={question.id} event={event} question={question} />
          ))}
        </ul>
      )}
      {adding ? (
        <div className="rounded-lg border border-slate-200 p-3">
          <h3 className="mb-2 font-semibold">New question</h3>
          <QuestionForm
            initial={emptyQuestion(nextPosition)}
            types={event.ticket_types}
            submitLabel="Add question"
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
          Add question
        </Button>
      )}
    </section>
  );
}
