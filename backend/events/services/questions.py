"""The questions an event asks at booking: create, change, delete, and checking a set of
answers against them (the bookings app calls answers_check when a ticket is booked or its
holder edits it)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from common.exceptions import InvalidInput, NotFound

from ..models import Question, QuestionKind, TicketType

TEXT_ANSWER_MAX = 1_000
OPTION_MAX = 100
OPTIONS_MAX = 50


@dataclass(frozen=True)
class QuestionValues:
    label: str
    kind: str
    options: list[str]
    required: bool
    per: str
    ticket_types: list[int]
    position: int


def _check_options(kind: str, options: list[str]) -> list[str]:
    options = [option.strip() for option in options]
    if kind in (QuestionKind.CHOICE, QuestionKind.MULTIPLE):
        if not options:
            raise InvalidInput(fields={"options": ["Give the options to choose from."]})
        if any(not option for option in options) or len(set(options)) != len(options):
            raise InvalidInput(fields={"options": ["Options must be distinct and not blank."]})
        return options
    if options:
        raise InvalidInput(fields={"options": ["Only choice questions have options."]})
    return []


def _event_types(event_id: int, type_ids: Iterable[int]) -> list[TicketType]:
    wanted = set(type_ids)
    found = list(TicketType.objects.filter(event_id=event_id, id__in=wanted))
    unknown = wanted - {ticket_type.id for ticket_type in found}
    if unknown:
        listed = ", ".join(str(type_id) for type_id in sorted(unknown))
        raise InvalidInput(fields={"ticket_types": [f"Not ticket types of this event: {listed}."]})
    return found


def question_create(*, event_id: int, values: QuestionValues) -> Question:
    options = _check_options(values.kind, values.options)
    types = _event_types(event_id, values.ticket_types)
    with transaction.atomic():
        question = Question.objects.create(
            event_id=event_id,
            label=values.label,
            kind=values.kind,
            options=options,
            required=values.required,
            per=values.per,
            position=values.position,
        )
        question.ticket_types.set(types)
    return question


def question_update(*, event_id: int, question_id: int, changes: dict[str, Any]) -> Question:
    """Change some of a question's fields (`changes`: the validated subset that was sent)."""
    question = Question.objects.filter(event_id=event_id, id=question_id).first()
    if question is None:
        raise NotFound("No such question.")
    for name in ("label", "kind", "required", "per", "position"):
        if name in changes:
            setattr(question, name, changes[name])
    question.options = _check_options(question.kind, changes.get("options", question.options))
    types = _event_types(event_id, changes["ticket_types"]) if "ticket_types" in changes else None
    with transaction.atomic():
        question.save()
        if types is not None:
            question.ticket_types.set(types)
    return question


def question_delete(*, event_id: int, question_id: int) -> None:
    """Delete a question; answers given to it stay in the tickets but are no longer shown."""
    deleted, _ = Question.objects.filter(event_id=event_id, id=question_id).delete()
    if not deleted:
        raise NotFound("No such question.")


def _answer_value(question: Question, value: Any) -> Any | None:
    """The answer as stored, or None when it is no answer to this question; raises ValueError
    with the reason when it is a wrong one."""
    if value is None or value == "" or value == []:
        return None
    if question.kind == QuestionKind.BOOLEAN:
        if not isinstance(value, bool):
            raise ValueError("Answer yes or no (true or false).")
        return value if value or not question.required else None
    if question.kind == QuestionKind.TEXT:
        if not isinstance(value, str) or len(value) > TEXT_ANSWER_MAX:
            raise ValueError(f"Answer with text of at most {TEXT_ANSWER_MAX} characters.")
        return value.strip() or None
    if question.kind == QuestionKind.CHOICE:
        if value not in question.options:
            raise ValueError("Choose one of the options.")
        return value
    if not isinstance(value, list) or any(option not in question.options for option in value):
        raise ValueError("Choose among the options.")
    return [option for option in question.options if option in value]


def questions_for(
    questions: Iterable[Question], *, per: str, type_ids: set[int]
) -> dict[str, Question]:
    """The questions asked once per booking (`per` booking) or of a ticket, by id as a string,
    for tickets of the given types (a question limited to types asks only those)."""
    asked = {}
    for question in questions:
        if question.per != per:
            continue
        limited = {ticket_type.id for ticket_type in question.ticket_types.all()}
        if limited and not limited & type_ids:
            continue
        asked[str(question.id)] = question
    return asked


def answers_check(
    *, asked: dict[str, Question], answers: dict[str, Any], field: str
) -> dict[str, Any]:
    """The answers to store for the `asked` questions, or InvalidInput naming each wrong one
    under `<field>.<question id>`: an unknown question, a wrong kind, a missing required one."""
    problems: dict[str, list[str]] = {}
    stored: dict[str, Any] = {}
    for key in answers:
        if key not in asked:
            problems[f"{field}.{key}"] = ["Not a question asked here."]
    for key, question in asked.items():
        try:
            value = _answer_value(question, answers.get(key))
        except ValueError as error:
            problems[f"{field}.{key}"] = [str(error)]
            continue
        if value is None and question.required:
            problems[f"{field}.{key}"] = [f"Required: {question.label}"]
        elif value is not None:
            stored[key] = value
    if problems:
        raise InvalidInput("Some answers are missing or invalid.", fields=problems)
    return stored


def event_questions(event_id: int) -> list[Question]:
    return list(
        Question.objects.filter(event_id=event_id)
        .prefetch_related("ticket_types")
        .order_by("position", "id")
    )
