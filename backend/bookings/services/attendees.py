"""Who holds each ticket of a booking and what they answered: checked when booked (the
event's questions, per ticket and per booking) and when the holder edits a ticket."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from common.db import PreparedRead
from common.exceptions import InvalidInput
from events.models import Event, Question, QuestionScope, TicketType
from events.services import answers_check, event_questions, questions_for

from ..errors import TicketEditClosed
from ..models import Ticket

ATTENDEE_NAME_MAX = 100
_ASKS = PreparedRead(
    lambda event_id: Question.objects.filter(event_id=event_id).values("id")[:1], "event_id"
)


@dataclass(frozen=True)
class Holder:
    """One ticket's holder as booked: the name and the answers to store."""

    name: str
    answers: dict[str, Any]


def _name(value: Any, *, field: str, default: str) -> str:
    if value is None:
        return default
    if not isinstance(value, str):
        raise InvalidInput(fields={field: ["Give a name as text."]})
    name = " ".join(value.split())
    if len(name) > ATTENDEE_NAME_MAX:
        raise InvalidInput(fields={field: [f"At most {ATTENDEE_NAME_MAX} characters."]})
    return name or default


def holders_check(
    *,
    event: Event,
    ticket_types: list[TicketType],
    attendees: list[dict] | None,
    answers: dict[str, Any] | None,
    booker_name: str,
) -> tuple[list[Holder], dict[str, Any]]:
    """The holders of the tickets (one per entry of `ticket_types`, in that order) and the
    booking's own answers, checked against the event's questions; InvalidInput (nothing is
    written) names each missing or wrong one."""
    attendees = attendees or []
    if attendees and len(attendees) != len(ticket_types):
        raise InvalidInput(
            fields={"attendees": [f"Give one attendee per ticket ({len(ticket_types)})."]}
        )
    # Most events ask nothing: a check compiled once, and their questions read only if any.
    questions = event_questions(event.id) if _ASKS.rows(event_id=event.id) else []
    holders = []
    for index, ticket_type in enumerate(ticket_types):
        attendee = attendees[index] if attendees else {}
        asked = questions_for(questions, per=QuestionScope.TICKET, type_ids={ticket_type.id})
        holders.append(
            Holder(
                name=_name(
                    attendee.get("name"), field=f"attendees.{index}.name", default=booker_name
                ),
                answers=answers_check(
                    asked=asked,
                    answers=attendee.get("answers") or {},
                    field=f"attendees.{index}.answers",
                ),
            )
        )
    type_ids = {ticket_type.id for ticket_type in ticket_types}
    asked = questions_for(questions, per=QuestionScope.BOOKING, type_ids=type_ids)
    booking_answers = answers_check(asked=asked, answers=answers or {}, field="answers")
    return holders, booking_answers


def ticket_holder_update(
    *, ticket: Ticket, attendee_name: str | None, answers: dict[str, Any] | None
) -> Ticket:
    """The holder changes the name on a ticket or its answers, until the event starts. The
    code stays the same (it names the ticket, not the person)."""
    event = ticket.event
    if timezone.now() >= event.starts_at:
        raise TicketEditClosed()
    if attendee_name is not None:
        # Emptied: the booker's name, or for a ticket received by transfer the name it has.
        default = ticket.attendee_name if ticket.holder_email else ticket.booking.user.name
        ticket.attendee_name = _name(attendee_name, field="attendee_name", default=default)
    if answers is not None:
        asked = questions_for(
            event_questions(event.id), per=QuestionScope.TICKET, type_ids={ticket.ticket_type_id}
        )
        kept = {key: value for key, value in ticket.answers.items() if key in asked}
        ticket.answers = answers_check(asked=asked, answers={**kept, **answers}, field="answers")
    with transaction.atomic():
        ticket.save(update_fields=["attendee_name", "answers"])
    return ticket
