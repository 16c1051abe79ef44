"""The event row lock every write of an event, its seats or its door takes first (booking,
paying, cancelling, check-in counters), so concurrent writers queue instead of deadlocking."""

from __future__ import annotations

from common.exceptions import NotFound

from ..errors import EventCancelled
from ..models import Event, EventStatus


def event_lock(event_id: int) -> None:
    """Lock the event row until the transaction ends (nothing read)."""
    list(Event.objects.select_for_update().filter(id=event_id).values_list("id"))


def event_locked(event_id: int) -> Event:
    """The event row, locked until the transaction ends; a cancelled event changes no more
    (EventCancelled)."""
    event = Event.objects.select_for_update().filter(id=event_id).first()
    if event is None:
        raise NotFound("No such event.")
    if event.status == EventStatus.CANCELLED:
        raise EventCancelled()
    return event
