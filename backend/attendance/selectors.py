from __future__ import annotations

from django.db.models import QuerySet

from events.models import Event

from .models import Scan


def attendance_group_name(*, event_id: int) -> str:
    """The channel-layer group every live view of one event's door joins."""
    return f"event-{event_id}-attendance"


def attendance_counters(*, event: Event) -> dict[str, int]:
    return {
        "checked_in": event.checked_in_count,
        "tickets_sold": event.tickets_sold,
        "capacity": event.capacity,
    }


def scan_list_for_event(*, event: Event) -> QuerySet[Scan]:
    """The event's scan log, newest first, with what each row shows loaded up front."""
    return (
        Scan.objects.filter(event=event)
        .select_related("scanner", "ticket__booking__user")
        .order_by("-scanned_at", "-id")
    )
