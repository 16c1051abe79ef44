"""Reads of events, always scoped by who is asking."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils import timezone

from users.models import User

from .models import Event, EventStaff, EventStatus
from .permissions import managed_events


def _with_related(queryset: QuerySet[Event]) -> QuerySet[Event]:
    return queryset.select_related("organizer")


def event_list_public() -> QuerySet[Event]:
    """Published events that have not ended, soonest first."""
    return _with_related(
        Event.objects.filter(status=EventStatus.PUBLISHED, ends_at__gt=timezone.now())
    ).order_by("starts_at", "id")


def event_list_for_organizer(*, organizer: User) -> QuerySet[Event]:
    """The organizer's own events in any status (admins: every event)."""
    queryset = Event.objects.filter(managed_events(organizer))
    return _with_related(queryset).order_by("-starts_at", "-id")


def event_category_list() -> list[str]:
    """Categories of the events on the public list, for the filter menu."""
    return list(
        event_list_public()
        .exclude(category="")
        .order_by("category")
        .values_list("category", flat=True)
        .distinct()
    )


def event_staff_list(*, event: Event) -> QuerySet[EventStaff]:
    return EventStaff.objects.filter(event=event).select_related("user").order_by("added_at")


def event_list_for_door(*, user: User) -> QuerySet[Event]:
    """Events `user` may scan that have not ended, soonest first."""
    queryset = Event.objects.filter(ends_at__gt=timezone.now()).exclude(
        status=EventStatus.CANCELLED
    )
    if not user.is_admin:
        queryset = queryset.filter(
            Q(organizer=user) | Q(id__in=EventStaff.objects.filter(user=user).values("event_id"))
        )
    return _with_related(queryset).order_by("starts_at", "id")
