from __future__ import annotations

from events.models import Event


def attendance_group_name(*, event_id: int) -> str:
    """The channel-layer group every live view of one event's door joins."""
    return f"event-{event_id}-attendance"


def attendance_counters(*, event: Event) -> dict[str, int]:
    return {"tickets_sold": event.tickets_sold, "capacity": event.capacity}
