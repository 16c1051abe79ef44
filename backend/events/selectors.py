"""Reads of events, always scoped by who is asking."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils import timezone

from users.models import User

from .models import Event, EventStaff, EventStatus


def _with_related(queryset: QuerySet[Event]) -> QuerySet[Event]:
    return queryset.select_related("organizer")


def event_list_public() -> QuerySet[Event]:
    """Published events that have not ended, soonest first."""
    return _with_related(
        Event.objects.filter(status=EventStatus.PUBLISHED, ends_at__gt=timezone.now())
    ).order_by("starts_at", "id")


def event_list_for_organizer(*, organizer: User) -> QuerySet[Event]:
    """The organizer's own events in any status (admins: every event)."""
    queryset = (
        Event.objects.all() if organizer.is_admin else Event.objects.filter(organizer=organizer)
    )
    return _with_related(queryset).order_by("-starts_at", "-id")


def event_get_visible(*, event_id: int, user: User | None) -> Event | None:
    """An event as a visitor may see it: published ones for all, drafts for the owner."""
    visible = Q(status__in=[EventStatus.PUBLISHED, EventStatus.CANCELLED])
    if user is not None and user.is_authenticated:
        if user.is_admin:
            visible = Q()
        else:
            visible |= Q(organizer=user)
    return _with_related(Event.objects.filter(visible, id=event_id)).first()


def event_get_for_door(*, event_id: int, user: User) -> Event | None:
    """The event if `user` may scan tickets or watch its attendance: owner, staff or admin.

    On every scan, so two primary-key lookups rather than one OR over a subquery."""
    if not user.is_authenticated:
        return None
    event = Event.objects.filter(id=event_id).first()
    if event is None or user.is_admin or event.organizer_id == user.id:
        return event
    if EventStaff.objects.filter(event_id=event_id, user=user).exists():
        return event
    return None


def event_get_for_owner(*, event_id: int, user: User) -> Event | None:
    """The event if `user` may change it: its organizer or an admin."""
    if not user.is_authenticated:
        return None
    queryset = Event.objects.filter(id=event_id)
    if not user.is_admin:
        queryset = queryset.filter(organizer=user)
    return _with_related(queryset).first()


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
