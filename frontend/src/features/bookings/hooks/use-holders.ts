import { useState } from 'react';

import { useEventQuestions } from '@/features/bookings/api/get-event-questions';
import {
  attendeesRequest,
  bookingQuestions,
  givenAnswers,
  ticketSlots,
  type Answers,
  type HolderDraft,
} from '@/features/bookings/utils/attendees';
import type { BookingItemRequest, BookTicketRequest, Event } from '@/types/api';

/** The holders' names and answers of the tickets being booked, and their part of the request. */
export function useHolders(event: Event, items: readonly BookingItemRequest[]) {
  return useHoldersOf(
    event.id,
    items,
    (id) => event.ticket_types.find((type) => type.id === id)?.name ?? 'Ticket',
  );
}

/** As useHolders, for tickets of an event known only by id (a waiting-list offer). */
export function useHoldersOf(
  eventId: number,
  items: readonly BookingItemRequest[],
  typeName: (id: number) => string,
) {
  const questionsQuery = useEventQuestions(eventId);
  const questions = questionsQuery.data ?? [];
  const [drafts, setDrafts] = useState<Record<string, HolderDraft | undefined>>({});
  const [bookingAnswers, setBookingAnswers] = useState<Answers>({});
  const slots = ticketSlots(items, typeName);

  function requestPart(): Pick<BookTicketRequest, 'attendees' | 'answers'> {
    const asked = bookingQuestions(
      questions,
      slots.map((slot) => slot.typeId),
    );
    return {
      attendees: attendeesRequest(slots, drafts, questions),
      answers: givenAnswers(bookingAnswers, asked),
    };
  }

  return {
    slots,
    questions,
    drafts,
    onDraftChange: (key: string, draft: HolderDraft) => {
      setDrafts((current) => ({ ...current, [key]: draft }));
    },
    bookingAnswers,
    onBookingAnswersChange: setBookingAnswers,
    requestPart,
  };
}
