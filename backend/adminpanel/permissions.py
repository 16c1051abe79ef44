"""Who may read an event's numbers and attendees: the adminpanel app's one access rule.
Organizers (and admins) only, each for the events they manage (events.permissions): 401 for
nobody signed in, 403 for another role or an event it may see but not manage, 404 for one it
may not see."""

from __future__ import annotations

from events.models import Event
from events.permissions import EventAccess, event_for
from users.models import User
from users.permissions import Capability, require


def analytics_allowed(*, user: User | None) -> None:
    """The caller may read analytics at all (the summary of its own events)."""
    require(user=user, capability=Capability.ORGANIZE)


def analytics_event_for(*, user: User | None, event_id: int) -> Event:
    """The event whose numbers and attendees `user` may read."""
    analytics_allowed(user=user)
    return event_for(user=user, event_id=event_id, access=EventAccess.MANAGE)
