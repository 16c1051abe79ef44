"""Who may run an event's door: the attendance app's one access rule, on top of the events
app's (events.permissions decides who sees and runs which event).

- scan (validate, search, sync, the door kit, the scan log, the live door): the event's door
  staff, its organizer and admins;
- undo a check-in, and manage the event's check-in lists: its organizer and admins (door
  staff read the lists, to pick one at the door).
Not seeing the event answers 404, seeing it without the right 403."""

from __future__ import annotations

from enum import Enum

from common.exceptions import NotFound
from events.models import CheckinList, Event
from events.permissions import EventAccess, event_for
from users.models import User


class DoorAccess(Enum):
    SCAN = "scan"
    UNDO = "undo"
    MANAGE_LISTS = "manage_lists"


_EVENT_ACCESS = {
    DoorAccess.SCAN: EventAccess.DOOR,
    DoorAccess.UNDO: EventAccess.MANAGE,
    DoorAccess.MANAGE_LISTS: EventAccess.MANAGE,
}


# The door reads every scan's event without its organizer's row and its long texts, which no
# door answer shows (loaded on demand if ever touched).
_DOOR_EVENT = Event.objects.defer("description", "payment_instructions", "venue_address")


def door_event_for(*, user: User | None, event_id: int, access: DoorAccess) -> Event:
    """The event if `user` may do `access` at its door; NotFound or Forbidden otherwise."""
    return event_for(user=user, event_id=event_id, access=_EVENT_ACCESS[access], base=_DOOR_EVENT)


def checkin_list_for(
    *, user: User | None, event_id: int, list_id: int, access: DoorAccess
) -> CheckinList:
    """One check-in list of the event, if `user` may do `access` at its door; a list of
    another event is NotFound like one that does not exist."""
    event = door_event_for(user=user, event_id=event_id, access=access)
    checkin_list = CheckinList.objects.filter(id=list_id, event_id=event.id).first()
    if checkin_list is None:
        raise NotFound("No such check-in list.")
    checkin_list.event = event
    return checkin_list
