"""Who may see, run the door of, and change an event: the one access rule of the API.

What an actor may not see answers 404 (so nobody learns that a draft exists by guessing its
id); what it may see but not do answers 403. Every app asks here about events.

- see: published and cancelled events for everyone; drafts for their organizer, their door
  staff and admins;
- door (scan, watch the live door, read the scan log): the organizer, door staff, admins;
- manage (edit, staff, analytics, attendees, undo): the organizer and admins.
"""

from __future__ import annotations

from enum import Enum

from django.db.models import Exists, OuterRef, Q, QuerySet

from common.exceptions import Forbidden, NotFound
from users.models import User

from .models import Event, EventStaff, EventStatus


class EventAccess(Enum):
    SEE = "see"
    DOOR = "door"
    MANAGE = "manage"


def managed_events(user: User, *, via: str = "") -> Q:
    """The events `user` manages, as a filter on Event, or on a model pointing at one through
    `via` (for example "event__"). For admins it is Q(), which means "all" only on its own:
    never OR it with another term."""
    if user.is_admin:
        return Q()
    return Q(**{f"{via}organizer": user})


def scannable_events(user: User) -> Q:
    """The events `user` may run the door of, as a filter on Event (admins: all)."""
    if user.is_admin:
        return Q()
    staffed = EventStaff.objects.filter(user=user).values("event_id")
    return Q(organizer=user) | Q(id__in=staffed)


def may_manage(user: User, event: Event) -> bool:
    return user.is_authenticated and (user.is_admin or event.organizer_id == user.id)


def _is_staff(user: User | None, event: Event) -> bool:
    if user is None or not user.is_authenticated:
        return False
    known = getattr(event, "caller_is_door_staff", None)
    if known is None:  # not read with the event (with_door_staff_flag)
        return EventStaff.objects.filter(event_id=event.id, user_id=user.id).exists()
    return bool(known)


def may_scan(user: User | None, event: Event) -> bool:
    """May `user` run this event's door (scan, search, the live door)?"""
    if user is None or not user.is_authenticated:
        return False
    return may_manage(user, event) or _is_staff(user, event)


def with_door_staff_flag(events: QuerySet[Event], user: User | None) -> QuerySet[Event]:
    """The events, each read with whether `user` is its door staff (one query for a page)."""
    if user is None or not user.is_authenticated:
        return events
    staff_link = EventStaff.objects.filter(event_id=OuterRef("id"), user_id=user.id)
    return events.annotate(caller_is_door_staff=Exists(staff_link))


_REFUSALS = {
    EventAccess.DOOR: "Only the event's organizer and door staff can do this.",
    EventAccess.MANAGE: "Only the event's organizer can do this.",
}


def event_for(
    *,
    user: User | None,
    event_id: int,
    access: EventAccess,
    base: QuerySet[Event] | None = None,
) -> Event:
    """The event if `user` may do `access` on it; NotFound if it may not even see it,
    Forbidden if it may see it but not do that. `base` reads it another way (the door reads
    fewer columns).

    Runs on every scan: one primary-key read, the door-staff link read with it."""
    if base is None:
        base = Event.objects.select_related("organizer")
    events = with_door_staff_flag(base, user)
    event = events.filter(id=event_id).first()
    if event is None:
        raise NotFound("No such event.")
    if user is not None and may_manage(user, event):
        return event
    is_public = event.status in (EventStatus.PUBLISHED, EventStatus.CANCELLED)
    if access is EventAccess.SEE and is_public:
        return event
    is_staff = _is_staff(user, event)
    if not (is_public or is_staff):
        raise NotFound("No such event.")
    if access is EventAccess.SEE or (access is EventAccess.DOOR and is_staff):
        return event
    raise Forbidden(_REFUSALS[access])
