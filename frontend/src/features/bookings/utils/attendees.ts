import type { AttendeeRequest, BookingItemRequest, Question } from '@/types/api';

/** One answer as the API takes it: text, one option, a list of options, or yes/no. */
export type AnswerValue = string | string[] | boolean;
export type Answers = Record<string, AnswerValue>;

/** One ticket to be booked: its type and a key that survives changing another type's count. */
export interface TicketSlot {
  key: string;
  typeId: number;
  typeName: string;
  /** 1-based number of this ticket among those of its type. */
  number: number;
}

export interface HolderDraft {
  name: string;
  answers: Answers;
}

/** The tickets of a request, one per ticket, in the order the API expects `attendees`. */
export function ticketSlots(
  items: readonly BookingItemRequest[],
  typeName: (id: number) => string,
): TicketSlot[] {
  return items.flatMap((item) =>
    Array.from({ length: item.quantity }, (_, i) => ({
      key: `${String(item.ticket_type)}-${String(i)}`,
      typeId: item.ticket_type,
      typeName: typeName(item.ticket_type),
      number: i + 1,
    })),
  );
}

/** Whether a question is asked for tickets of these types (no types listed: all). */
export function asksFor(question: Question, typeIds: readonly number[]): boolean {
  return (
    question.ticket_types.length === 0 ||
    question.ticket_types.some((type) => typeIds.includes(type.id))
  );
}

export function sortedQuestions(questions: readonly Question[]): Question[] {
  return [...questions].sort((a, b) => a.position - b.position || a.id - b.id);
}

/** The per-ticket questions asked for a ticket of this type. */
export function ticketQuestions(questions: readonly Question[], typeId: number): Question[] {
  return sortedQuestions(questions).filter((q) => q.per === 'ticket' && asksFor(q, [typeId]));
}

/** The per-booking questions asked once for a booking of these types. */
export function bookingQuestions(questions: readonly Question[], typeIds: number[]): Question[] {
  return sortedQuestions(questions).filter((q) => q.per === 'booking' && asksFor(q, typeIds));
}

/** Only the answers given: an empty text or an empty choice is no answer. */
export function givenAnswers(answers: Answers, asked: readonly Question[]): Answers {
  const given: Answers = {};
  for (const question of asked) {
    const value = answers[String(question.id)];
    if (value === undefined || value === '') continue;
    if (Array.isArray(value) && value.length === 0 && !question.required) continue;
    given[String(question.id)] = value;
  }
  return given;
}

/** The `attendees` of the request: an empty name is left to the server (the booker's). */
export function attendeesRequest(
  slots: readonly TicketSlot[],
  drafts: Readonly<Record<string, HolderDraft | undefined>>,
  questions: readonly Question[],
): AttendeeRequest[] {
  return slots.map((slot) => {
    const draft = drafts[slot.key];
    const attendee: AttendeeRequest = {
      answers: givenAnswers(draft?.answers ?? {}, ticketQuestions(questions, slot.typeId)),
    };
    const name = draft?.name.trim();
    if (name) attendee.name = name;
    return attendee;
  });
}

/** How an answer reads on a ticket: "Yes", "Vegan, Gluten-free". */
export function answerText(value: unknown): string {
  if (value === true) return 'Yes';
  if (value === false) return 'No';
  if (Array.isArray(value)) return value.map(String).join(', ');
  if (typeof value === 'string') return value;
  return '';
}
