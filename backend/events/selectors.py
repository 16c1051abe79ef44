"""Reads of events, always scoped by who is asking."""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.db.models import QuerySet
from django.utils import timezone

from users.models import User

from .models import (
    STAFF_INVITATION_SALT,
    Event,
    EventCategory,
    EventMessage,
    EventStaff,
    EventStatus,
    TicketType,
)
from .permissions import managed_events, scannable_events


def _with_related(queryset: QuerySet[Event]) -> QuerySet[Event]:
    return queryset.select_related("organizer").prefetch_related("ticket_types")


def ticket_type_list(*, event: Event) -> QuerySet[TicketType]:
    """The event's ticket types in their order (`event` already checked as visible)."""
    return TicketType.objects.select_related("event").filter(event=event).order_by("position", "id")


def ticket_type_get(*, event: Event, ticket_type_id: int) -> TicketType | None:
    return ticket_type_list(event=event).filter(id=ticket_type_id).first()


def event_list_public() -> QuerySet[Event]:
    """Published events that have not ended, soonest first."""
    return _with_related(
        Event.objects.filter(status=EventStatus.PUBLISHED, ends_at__gt=timezone.now())
    ).order_by("starts_at", "id")


def event_list_past() -> QuerySet[Event]:
    """Published events that have ended, most recent first."""
    return _with_related(
        Event.objects.filter(status=EventStatus.PUBLISHED, ends_at__lte=timezone.now())
    ).order_by("-starts_at", "-id")


def event_list_for_organizer(*, organizer: User) -> QuerySet[Event]:
    """The organizer's own events in any status (admins: every event)."""
    queryset = Event.objects.filter(managed_events(organizer))
    return _with_related(queryset).order_by("-starts_at", "-id")


def event_category_list() -> list[dict[str, str]]:
    """The managed categories, in the order of the list."""
    return [{"value": value, "label": label} for value, label in EventCategory.choices]


def event_message_list(*, event: Event) -> QuerySet[EventMessage]:
    """What the organizer wrote to this event's ticket holders, newest first."""
    return EventMessage.objects.filter(event=event).select_related("sender").order_by("-created_at")


def event_staff_list(*, event: Event) -> QuerySet[EventStaff]:
    """Accepted staff and open invitations, oldest first."""
    return EventStaff.objects.filter(event=event).select_related("user").order_by("added_at", "id")


def staff_invitation_token_read(token: str) -> tuple[int, str] | None:
    """The (staff entry id, nonce) an invitation token was signed for, or None when it is
    forged or older than QE_STAFF_INVITATION_SECONDS."""
    try:
        data = signing.loads(
            token, salt=STAFF_INVITATION_SALT, max_age=settings.STAFF_INVITATION_MAX_AGE
        )
    except signing.BadSignature:  # SignatureExpired is one too
        return None
    if not isinstance(data, dict) or not isinstance(data.get("s"), int):
        return None
    return data["s"], str(data.get("n", ""))


def staff_invitation_for_token(*, token: str) -> EventStaff | None:
    """The open invitation a token stands for (with its event), or None."""
    found = staff_invitation_token_read(token)
    if found is None:
        return None
    staff_id, nonce = found
    if not nonce:
        return None
    return (
        EventStaff.objects.select_related("event")
        .filter(id=staff_id, nonce=nonce, user__isnull=True)
        .first()
    )


def event_list_for_door(*, user: User) -> QuerySet[Event]:
    """Events `user` may scan that have not ended, soonest first."""
    queryset = Event.objects.filter(ends_at__gt=timezone.now()).exclude(
        status=EventStatus.CANCELLED
    )
    return _with_related(queryset.filter(scannable_events(user))).order_by("starts_at", "id")
