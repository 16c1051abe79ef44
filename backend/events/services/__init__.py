"""Event writes, by concern: lifecycle (create, change, duplicate, delete), transitions
(publish, unpublish, the event's side of a cancellation), ticket types, door staff, the
image, and the seat counters every booking moves. Views and the apps above call these."""

from .codes import (
    code_applies,
    code_create,
    code_delete,
    code_for_booking,
    code_line_discounts,
    code_unlocks,
    code_update,
    code_use_give_back,
    code_use_retake,
    code_use_take,
)
from .event_image import event_image_remove, event_image_set
from .lifecycle import (
    event_change,
    event_create,
    event_delete,
    event_duplicate,
    event_reschedule,
    event_update,
    local_place,
)
from .questions import (
    QuestionValues,
    answers_check,
    event_questions,
    question_create,
    question_delete,
    question_update,
    questions_for,
)
from .staff import (
    event_staff_accept,
    event_staff_accept_with_new_account,
    event_staff_invite,
    event_staff_remove,
)
from .ticket_types import ticket_type_create, ticket_type_delete, ticket_type_update
from .transitions import event_cancel_lock, event_mark_cancelled, event_publish, event_unpublish
from .values import UNSET, CodeValues, EventValues, TicketTypeValues

__all__ = [
    "UNSET",
    "CodeValues",
    "EventValues",
    "QuestionValues",
    "TicketTypeValues",
    "answers_check",
    "code_applies",
    "code_create",
    "code_delete",
    "code_for_booking",
    "code_line_discounts",
    "code_unlocks",
    "code_update",
    "code_use_give_back",
    "code_use_retake",
    "code_use_take",
    "event_cancel_lock",
    "event_change",
    "event_create",
    "event_delete",
    "event_duplicate",
    "event_image_remove",
    "event_image_set",
    "event_mark_cancelled",
    "event_publish",
    "event_questions",
    "event_reschedule",
    "event_staff_accept",
    "event_staff_accept_with_new_account",
    "event_staff_invite",
    "event_staff_remove",
    "event_unpublish",
    "event_update",
    "local_place",
    "question_create",
    "question_delete",
    "question_update",
    "questions_for",
    "ticket_type_create",
    "ticket_type_delete",
    "ticket_type_update",
]
