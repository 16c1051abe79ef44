"""What the door reads of a ticket on every scan (one query, compiled once), and the check-in
list a scan is made on. The decider (decide.py) and the door's answers (door.py) use them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import F, FilteredRelation, Q

from bookings.models import Ticket
from common.db import PreparedRead
from events.models import CheckinList, Event

from ..selectors import door_sold, occupancy_by_gate, seats_awaiting_payment


@dataclass(frozen=True)
class TicketAtDoor:
    """What the door needs of a ticket, read in one query as plain values (this runs on
    every scan, and model instances with their joins cost more than the query)."""

    id: int
    booking_id: int
    event_id: int
    status: str
    holder_name: str
    ticket_type_id: int | None
    ticket_type_name: str | None
    backup_code: str
    checked_in_at: datetime | None
    checked_in_gate: str
    checked_in_by_name: str | None
    inside: bool


DOOR_FIELDS = {
    "id": "id",
    "booking_id": "booking_id",
    "event_id": "event_id",
    "status": "status",
    "holder_name": "attendee_name",
    "ticket_type_id": "ticket_type_id",
    "ticket_type_name": "ticket_type__name",
    "backup_code": "backup_code",
    "checked_in_at": "checked_in_at",
    "checked_in_gate": "checked_in_gate",
    "checked_in_by_name": "checked_in_by__name",
    "inside": "inside",
}
_COUNTER_FIELDS = {
    "checked_in": "event__checked_in_count",
    "tickets_sold": "event__tickets_sold",
    "capacity": "event__capacity",
    "inside": "event__inside_count",
    "waiting_held": "event__waiting_held",
}


_TICKET_AT_DOOR = PreparedRead(
    lambda ticket_id, event_id: (
        Ticket.objects.filter(id=ticket_id, event_id=event_id)
        # The event's Entry list joined once (unique per event), so the answer names the list an
        # Entry scan was made on without a query or a subquery more.
        .annotate(
            entry_list=FilteredRelation(
                "event__checkin_lists", condition=Q(event__checkin_lists__is_default=True)
            )
        )
        .values(
            *DOOR_FIELDS.values(),
            *_COUNTER_FIELDS.values(),
            entry_list_id=F("entry_list__id"),
            entry_list_name=F("entry_list__name"),
            awaiting_payment=seats_awaiting_payment("event_id"),
        )
    ),
    "ticket_id",
    "event_id",
)


@dataclass(frozen=True)
class ListAtDoor:
    """The check-in list a scan is made on; a Door without one scans the event's Entry."""

    id: int
    name: str
    is_default: bool = False
    # The types the list admits; empty: every type.
    ticket_type_ids: frozenset[int] = frozenset()

    def admits(self, ticket_type_id: int | None) -> bool:
        return not self.ticket_type_ids or ticket_type_id in self.ticket_type_ids


def list_at_door(*, event: Event, list_id: int) -> ListAtDoor | None:
    """One list of `event` as the door uses it, or None when it is not one of the event's."""
    checkin_list = (
        CheckinList.objects.filter(id=list_id, event_id=event.id)
        .prefetch_related("ticket_types")
        .first()
    )
    if checkin_list is None:
        return None
    return ListAtDoor(
        id=checkin_list.id,
        name=checkin_list.name,
        is_default=bool(checkin_list.is_default),
        ticket_type_ids=frozenset(kind.id for kind in checkin_list.ticket_types.all()),
    )


def ticket_at_door(
    ticket_id: int, event_id: int
) -> tuple[TicketAtDoor | None, dict | None, ListAtDoor | None]:
    """The ticket, the event's current counters and its Entry list, in one query (and the
    occupancy per gate in a second, index-only one); both compiled once, as they run on
    every scan."""
    rows = _TICKET_AT_DOOR.rows(ticket_id=ticket_id, event_id=event_id)
    if not rows:
        return None, None, None
    [row] = rows
    ticket = TicketAtDoor(**{name: row[column] for name, column in DOOR_FIELDS.items()})
    counters = {name: row[column] for name, column in _COUNTER_FIELDS.items()}
    counters["tickets_sold"] = door_sold(
        seats=counters["tickets_sold"],
        waiting_held=counters.pop("waiting_held"),
        awaiting_payment=row["awaiting_payment"],
    )
    counters["by_gate"] = occupancy_by_gate(event_id=event_id)
    entry = (
        None
        if row["entry_list_id"] is None  # an event made before lists, not migrated
        else ListAtDoor(row["entry_list_id"], row["entry_list_name"], is_default=True)
    )
    return ticket, counters, entry
