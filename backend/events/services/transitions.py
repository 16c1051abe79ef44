"""An event's transitions, each with its own rules: draft -> published -> draft, and the
event's side of a cancellation (the bookings app runs the whole cascade: refunds, voided
tickets, the holders' e-mail, in the same transaction)."""

from __future__ import annotations

from django.utils import timezone

from common.db import atomic_with_retry
from common.exceptions import NotFound
from users.permissions import require_verified_email

from ..errors import EventHasSales, EventInPast
from ..models import Event, EventStatus
from .locking import event_locked
from .seats import seats_all_released


def check_publishable(event: Event) -> None:
    if event.starts_at <= timezone.now():
        raise EventInPast()
    require_verified_email(event.organizer)


def event_publish(*, event_id: int) -> Event:
    """Draft -> published: listed and open for booking. Only for an event still ahead."""

    def apply() -> Event:
        event = event_locked(event_id)
        if event.status == EventStatus.PUBLISHED:
            return event
        check_publishable(event)
        event.status = EventStatus.PUBLISHED
        event.save(update_fields=["status", "updated_at"])
        return event

    return atomic_with_retry(apply)


def event_unpublish(*, event_id: int) -> Event:
    """Published -> draft: off the list. Only while nothing is sold (else cancel it)."""

    def apply() -> Event:
        event = event_locked(event_id)
        if event.status == EventStatus.DRAFT:
            return event
        if event.tickets_sold:
            raise EventHasSales()
        event.status = EventStatus.DRAFT
        event.save(update_fields=["status", "updated_at"])
        return event

    return atomic_with_retry(apply)


def event_cancel_lock(*, event_id: int) -> Event:
    """In the cancellation's transaction, first: the event row, locked (cancelled or not:
    cancelling again changes nothing, the caller sees the status)."""
    event = Event.objects.select_for_update().filter(id=event_id).first()
    if event is None:
        raise NotFound("No such event.")
    return event


def event_mark_cancelled(*, event: Event) -> Event:
    """In the cancellation's transaction, after the caller ended every booking: the event is
    cancelled for good, nothing of it is sold or inside any more."""
    seats_all_released(event_id=event.id)
    event.status = EventStatus.CANCELLED
    event.tickets_sold = 0
    event.checked_in_count = 0
    event.inside_count = 0
    event.save(
        update_fields=["status", "tickets_sold", "checked_in_count", "inside_count", "updated_at"]
    )
    return event
