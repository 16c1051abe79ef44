"""The door node's copy of an event's check-in lists, from the door kit: the lists with the
main server's ids (so a scan's list means the same list here and upstream), the ticket types
they name, each ticket's type, and the admissions upstream made on lists other than Entry (a
second person is then refused here too)."""

from __future__ import annotations

from datetime import datetime

from attendance.models import ListAdmission
from bookings.models import Ticket
from events.models import CheckinList, Event, TicketType


def _mirror_types(event: Event, kit: dict) -> None:
    """The types the lists and tickets name (placeholders: the node sells nothing)."""
    ids = {row.get("ticket_type_id") for row in kit["tickets"]} - {None}
    for checkin_list in kit.get("lists", []):
        ids |= set(checkin_list["ticket_types"])
    known = set(TicketType.objects.filter(id__in=ids).values_list("id", flat=True))
    TicketType.objects.bulk_create(
        TicketType(id=type_id, event=event, name=f"Type {type_id}") for type_id in ids - known
    )


def _mirror_list_rows(event: Event, lists: list[dict]) -> None:
    # A list gone upstream goes here; so does an Entry made here by a migration, under its own
    # id (its scans then read as Entry's, which they were).
    CheckinList.objects.filter(event_id=event.id).exclude(id__in=[r["id"] for r in lists]).delete()
    for row in lists:
        checkin_list, _ = CheckinList.objects.update_or_create(
            id=row["id"],
            defaults={
                "event": event,
                "name": row["name"],
                "is_default": True if row["is_default"] else None,
            },
        )
        checkin_list.ticket_types.set(row["ticket_types"])


def _mirror_admissions(event: Event, kit: dict, now: datetime) -> None:
    others = CheckinList.objects.filter(event_id=event.id, is_default__isnull=True)
    list_ids = set(others.values_list("id", flat=True))
    wanted = {
        (row["id"], list_id)
        for row in kit["tickets"]
        for list_id in row.get("lists", [])
        if list_id in list_ids
    }
    ticket_ids = {ticket_id for ticket_id, _ in wanted}
    have = set(
        ListAdmission.objects.filter(ticket_id__in=ticket_ids).values_list(
            "ticket_id", "checkin_list_id"
        )
    )
    ListAdmission.objects.bulk_create(
        ListAdmission(ticket_id=ticket_id, checkin_list_id=list_id, admitted_at=now)
        for ticket_id, list_id in sorted(wanted - have)
    )


def door_lists_mirror(*, event: Event, kit: dict, now: datetime) -> None:
    """Apply the kit's lists, ticket types and list admissions (in the mirror's transaction,
    after the tickets)."""
    if "lists" not in kit:  # a main server from before lists: Entry only
        return
    _mirror_types(event, kit)
    for row in kit["tickets"]:
        type_id = row.get("ticket_type_id")
        if type_id is not None:
            Ticket.objects.filter(id=row["id"]).exclude(ticket_type_id=type_id).update(
                ticket_type_id=type_id
            )
    _mirror_list_rows(event, kit["lists"])
    _mirror_admissions(event, kit, now)
