"""Event writes: create, update (publish, cancel, capacity), delete, door staff."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction

from bookings.models import Booking
from bookings.services import bookings_cancel_for_event
from common.db import atomic_with_retry
from common.exceptions import DomainError, InvalidInput, NotFound
from users.models import User

from .models import CHECKIN_OPENS_BEFORE_START, Event, EventStaff, EventStatus


class CapacityBelowSold(DomainError):
    code = "capacity_below_sold"
    status_code = 409
    default_detail = "Capacity cannot be lower than the tickets already sold."


class EventCancelled(DomainError):
    code = "event_cancelled"
    status_code = 409
    default_detail = "This event was cancelled and can no longer be changed."


class EventHasBookings(DomainError):
    code = "event_has_bookings"
    status_code = 409
    default_detail = "This event has bookings: cancel it instead of deleting it."


EDITABLE_FIELDS = {
    "title",
    "description",
    "venue",
    "category",
    "starts_at",
    "ends_at",
    "checkin_opens_at",
    "capacity",
    "price",
    "currency",
    "max_per_booking",
    "status",
}


def _check_times(event: Event) -> None:
    errors: dict[str, list[str]] = {}
    if event.ends_at <= event.starts_at:
        errors["ends_at"] = ["The event must end after it starts."]
    elif event.checkin_opens_at >= event.ends_at:
        errors["checkin_opens_at"] = ["Check-in must open before the event ends."]
    if errors:
        raise InvalidInput(fields=errors)


def event_create(*, organizer: User, **fields: Any) -> Event:
    if fields.get("status", EventStatus.DRAFT) == EventStatus.CANCELLED:
        raise InvalidInput(fields={"status": ["A new event is a draft or published."]})
    if not fields.get("checkin_opens_at"):
        fields["checkin_opens_at"] = fields["starts_at"] - CHECKIN_OPENS_BEFORE_START
    fields["currency"] = fields.get("currency", "EUR").upper()
    event = Event(organizer=organizer, **fields)
    _check_times(event)
    event.save()
    return event


def event_update(*, event_id: int, changes: dict[str, Any]) -> Event:
    unknown = set(changes) - EDITABLE_FIELDS
    if unknown:
        raise InvalidInput(fields={name: ["This field cannot be changed."] for name in unknown})
    changes = dict(changes)
    if "starts_at" in changes and "checkin_opens_at" not in changes:
        # Keep the default distance when the organizer moves the start.
        changes["checkin_opens_at"] = changes["starts_at"] - CHECKIN_OPENS_BEFORE_START
    if "currency" in changes:
        changes["currency"] = changes["currency"].upper()

    def apply() -> Event:
        # Locks the row: bookings wait, so tickets_sold cannot move while capacity is checked.
        event = Event.objects.select_for_update().get(id=event_id)
        if event.status == EventStatus.CANCELLED:
            raise EventCancelled()
        new_status = changes.get("status", event.status)
        if new_status == EventStatus.DRAFT and event.tickets_sold:
            raise InvalidInput(fields={"status": ["Tickets are sold: cancel the event instead."]})
        if "capacity" in changes and changes["capacity"] < event.tickets_sold:
            raise CapacityBelowSold(
                f"{event.tickets_sold} tickets are sold: capacity cannot go below that."
            )
        for name, value in changes.items():
            setattr(event, name, value)
        _check_times(event)
        if new_status == EventStatus.CANCELLED:
            bookings_cancel_for_event(event_id=event.id)
            event.tickets_sold = 0
            event.checked_in_count = 0
        event.save()
        return event

    return atomic_with_retry(apply)


def event_delete(*, event_id: int) -> None:
    def delete() -> None:
        event = Event.objects.select_for_update().get(id=event_id)
        if Booking.objects.filter(event_id=event_id).exists():
            raise EventHasBookings()
        event.delete()

    atomic_with_retry(delete)


def event_staff_add(*, event: Event, email: str) -> EventStaff:
    user = User.objects.filter(email=email.strip().lower(), is_active=True).first()
    if user is None:
        raise InvalidInput(fields={"email": ["No account uses this e-mail address."]})
    if user.id == event.organizer_id:
        raise InvalidInput(fields={"email": ["The organizer can always scan this event."]})
    try:
        with transaction.atomic():
            return EventStaff.objects.create(event=event, user=user)
    except IntegrityError as error:
        raise InvalidInput(fields={"email": ["Already door staff for this event."]}) from error


def event_staff_remove(*, event: Event, user_id: int) -> None:
    deleted, _ = EventStaff.objects.filter(event=event, user_id=user_id).delete()
    if not deleted:
        raise NotFound("This person is not door staff for this event.")
