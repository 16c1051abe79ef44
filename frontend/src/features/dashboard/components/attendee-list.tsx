import { useEffect, useState } from 'react';

import { useAttendees } from '@/features/dashboard/api/get-attendees';
import { useExportAttendeesCsv } from '@/features/dashboard/api/export-attendees-csv';
import { useEventQuestions } from '@/features/dashboard/api/get-event-questions';
import { BookingPayment } from '@/features/dashboard/components/booking-payment';
import { attendeeStatusText } from '@/features/dashboard/utils/format';
import { Alert } from '@/components/ui/alert';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Pagination } from '@/components/ui/pagination';
import { Spinner } from '@/components/ui/spinner';
import type { Attendee, Question } from '@/types/api';

/** Wait this long after the last keystroke before searching. */
export const SEARCH_DELAY_MS = 300;

function useDebounced<T>(value: T, delay: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => {
      setDebounced(value);
    }, delay);
    return () => {
      clearTimeout(timer);
    };
  }, [value, delay]);
  return debounced;
}

function statusTone(attendee: Attendee): BadgeTone {
  if (attendee.status === 'cancelled') return 'danger';
  if (attendee.status === 'pending') return 'warning';
  return attendee.checked_in_at ? 'success' : 'neutral';
}

/** How the rows read: the event's zone, and whether its bookings have money to handle. */
export interface AttendeeListContext {
  timeZone: string;
  /** False for a free event: no row gets payment actions. */
  takesPayments: boolean;
}

function answerText(value: unknown): string {
  if (value === true) return 'Yes';
  if (value === false) return 'No';
  if (Array.isArray(value)) return value.map(String).join(', ');
  return typeof value === 'string' ? value : '';
}

/** The answers this ticket (and its booking) gave, under the questions' labels. */
function Answers({ attendee, questions }: { attendee: Attendee; questions: readonly Question[] }) {
  const given = questions.filter((q) => answerText(attendee.answers[String(q.id)]) !== '');
  if (given.length === 0) return null;
  return (
    <dl className="flex flex-wrap gap-x-4 gap-y-1 text-sm" data-testid="attendee-answers">
      {given.map((question) => (
        <div key={question.id} className="flex gap-1">
          <dt className="text-slate-600">{question.label}:</dt>
          <dd className="text-slate-900">{answerText(attendee.answers[String(question.id)])}</dd>
        </div>
      ))}
    </dl>
  );
}

function AttendeeRow({
  attendee,
  eventId,
  context,
  questions,
}: {
  attendee: Attendee;
  eventId: number;
  context: AttendeeListContext;
  questions: readonly Question[];
}) {
  const [showPayment, setShowPayment] = useState(false);
  const paymentId = `attendee-${String(attendee.id)}-payment`;
  return (
    <li className="flex flex-col gap-2 px-3 py-3 sm:px-4" data-testid="attendee-row">
      <div className="flex flex-col gap-1 sm:flex-row sm:items-center sm:gap-4">
        <div className="min-w-0 flex-1">
          <p className="flex flex-wrap items-center gap-2 font-medium text-slate-900">
            {attendee.ticket_type && (
              <span className="rounded border border-slate-400 px-1.5 text-xs font-bold uppercase">
                {attendee.ticket_type.name}
              </span>
            )}
            <span className="truncate">{attendee.attendee_name}</span>
          </p>
          <p className="truncate text-sm text-slate-600">
            {attendee.attendee_name !== attendee.name && `Booked by ${attendee.name} · `}
            {attendee.email} · Ticket #{attendee.id} · Booking #{attendee.booking}
          </p>
        </div>
        <div className="flex items-center gap-2 sm:text-right" data-testid="attendee-status">
          <Badge tone={statusTone(attendee)}>
            {attendeeStatusText(attendee, context.timeZone)}
          </Badge>
          {context.takesPayments && (
            <Button
              variant="ghost"
              aria-expanded={showPayment}
              aria-controls={paymentId}
              onClick={() => {
                setShowPayment((shown) => !shown);
              }}
            >
              {showPayment ? 'Hide payment' : 'Payment'}
            </Button>
          )}
        </div>
      </div>
      <Answers attendee={attendee} questions={questions} />
      {showPayment && context.takesPayments && (
        <div id={paymentId}>
          <BookingPayment bookingId={attendee.booking} eventId={eventId} />
        </div>
      )}
    </li>
  );
}

function ExportButton({ eventId }: { eventId: number }) {
  const exportMutation = useExportAttendeesCsv();
  return (
    <div className="flex flex-col gap-1">
      <Button
        variant="secondary"
        disabled={exportMutation.isPending}
        onClick={() => {
          exportMutation.mutate(eventId);
        }}
      >
        {exportMutation.isPending ? 'Exporting…' : 'Export CSV'}
      </Button>
      {exportMutation.isError && (
        <Alert>
          The export failed
          {exportMutation.error.status ? ` (${String(exportMutation.error.status)})` : ''}. Try
          again.
        </Alert>
      )}
    </div>
  );
}

/** The event's attendees with their check-in state: searchable, paginated, exportable. */
export function AttendeeList({
  eventId,
  context,
}: {
  eventId: number;
  context: AttendeeListContext;
}) {
  const [input, setInput] = useState('');
  const search = useDebounced(input.trim(), SEARCH_DELAY_MS);
  // The page belongs to one search: a new search starts again from page 1.
  const [paging, setPaging] = useState({ search: '', page: 1 });
  const page = paging.search === search ? paging.page : 1;
  const attendeesQuery = useAttendees({ event: eventId, search, page });
  const data = attendeesQuery.data;
  const questions = useEventQuestions(eventId).data ?? [];

  return (
    <section aria-labelledby="attendees-heading" className="flex flex-col gap-3">
      <div className="flex flex-wrap items-end justify-between gap-2">
        <h2 id="attendees-heading" className="text-lg font-semibold">
          Attendees{data ? ` (${String(data.count)})` : ''}
        </h2>
        <ExportButton eventId={eventId} />
      </div>
      <Field
        label="Search attendees"
        type="search"
        placeholder="Name, e-mail or ticket number"
        autoComplete="off"
        value={input}
        onChange={(event) => {
          setInput(event.target.value);
        }}
      />
      {attendeesQuery.isPending ? (
        <div className="flex justify-center py-8">
          <Spinner label="Loading attendees" />
        </div>
      ) : attendeesQuery.isError && !data ? (
        <Alert title="The attendee list could not be loaded">{attendeesQuery.error.detail}</Alert>
      ) : data && data.results.length === 0 ? (
        <p className="rounded-xl border border-dashed border-slate-300 bg-white px-4 py-8 text-center text-sm text-slate-600">
          {search ? `No attendees match “${search}”.` : 'No tickets sold yet.'}
        </p>
      ) : (
        data && (
          <>
            <ul
              className="divide-y divide-slate-200 overflow-hidden rounded-xl border border-slate-200 bg-white"
              aria-label="Attendee list"
              aria-busy={attendeesQuery.isPlaceholderData}
            >
              {data.results.map((attendee) => (
                <AttendeeRow
                  key={attendee.id}
                  attendee={attendee}
                  eventId={eventId}
                  context={context}
                  questions={questions}
                />
              ))}
            </ul>
            <Pagination
              page={page}
              hasPrevious={data.previous !== null}
              hasNext={data.next !== null}
              onPageChange={(next) => {
                setPaging({ search, page: next });
              }}
              label="Attendee pages"
            />
          </>
        )
      )}
    </section>
  );
}
