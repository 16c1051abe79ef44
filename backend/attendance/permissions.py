"""Who may run an event's door: the attendance app's one access rule, on top of the events
app's (events.permissions decides who sees and runs which event).

- scan (validate, search, sync, the door kit, the scan log, the live door): the event's door
  staff, its organizer and admins;
- undo a check-in: its organizer and admins (a mistake undone changes the counts).
Not seeing the event answers 404, seeing it without the right 403."""

from __future__ import annotations

from enum import Enum

from events.models import Event
from events.permissions import EventAccess, event_for
from users.models import User


class DoorAccess(Enum):
    SCAN = "scan"
    UNDO = "undo"


_EVENT_ACCESS = {DoorAccess.SCAN: EventAccess.DOOR, DoorAccess.UNDO: EventAccess.MANAGE}


def door_event_for(*, user: User | None, event_id: int, access: DoorAccess) -> Event:
    """The event if `user` may do `access` at its door; NotFound or Forbidden otherwise."""
    return event_for(user=user, event_id=event_id, access=_EVENT_ACCESS[access])
