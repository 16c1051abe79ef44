from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.db.models import Count, F, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from bookings.backup_codes import backup_code_normalize
from bookings.models import Booking, BookingStatus, Ticket, TicketStatus
from bookings.ticket_codes import public_keys
from common.db import PreparedRead
from events.models import CheckinList, Event, TicketType

from .models import ListAdmission, Scan


def attendance_group_name(*, event_id: int) -> str:
    """The channel-layer group every live view of one event's door joins."""
    return f"event-{event_id}-attendance"


_OCCUPANCY = PreparedRead(
    lambda event_id: (
        Ticket.objects.filter(event_id=event_id, inside=True)
        .values(gate=F("entry_gate"))
        .annotate(inside=Count("id"))
        .order_by("-inside", "gate")
    ),
    "event_id",
)


def occupancy_by_gate(*, event_id: int) -> list[dict]:
    """People inside now, by the gate of their last entry (an index-only count; after every
    scan, so compiled once)."""
    return _OCCUPANCY.rows(event_id=event_id)


def seats_awaiting_payment(event_ref: str = "id") -> Coalesce:
    """Seats of the event (OuterRef `event_ref`) held by bookings awaiting payment: an index
    range of those bookings alone (booking_event_money_idx), usually empty."""
    held = (
        Booking.objects.filter(event_id=OuterRef(event_ref), status=BookingStatus.PENDING_PAYMENT)
        .order_by()
        .values("event_id")
        .annotate(seats=Sum("quantity"))
        .values("seats")
    )
    return Coalesce(Subquery(held), 0)


def door_sold(*, seats: int, waiting_held: int, awaiting_payment: int) -> int:
    """The door's "sold", as everywhere (events.selectors.Sales): tickets of confirmed
    bookings; seats held for payment or for waiting-list offers are not sold yet."""
    return max(seats - waiting_held - awaiting_payment, 0)


_AWAITING_PAYMENT = PreparedRead(
    lambda event_id: Event.objects.filter(id=event_id).values(held=seats_awaiting_payment()),
    "event_id",
)


def attendance_counters(*, event: Event) -> dict:
    [row] = _AWAITING_PAYMENT.rows(event_id=event.id) or [{"held": 0}]
    return {
        "checked_in": event.checked_in_count,
        "tickets_sold": door_sold(
            seats=event.tickets_sold,
            waiting_held=event.waiting_held,
            awaiting_payment=row["held"],
        ),
        "capacity": event.capacity,
        "inside": event.inside_count,
        "by_gate": occupancy_by_gate(event_id=event.id),
    }


def scan_list_for_event(*, event: Event) -> QuerySet[Scan]:
    """The event's scan log, newest first, with what each row shows loaded up front."""
    return (
        Scan.objects.filter(event=event)
        .select_related("scanner", "ticket__booking__user", "ticket__ticket_type", "checkin_list")
        .order_by("-scanned_at", "-id")
    )


def ticket_search(*, event: Event, query: str) -> QuerySet[Ticket]:
    """Tickets of `event` (the door's, already checked) whose holder's or booker's name holds
    `query`, whose booker's e-mail address it is (whole: a part such as `@gmail` would list
    whose addresses are where), or whose backup code it is: for a manual check-in."""
    query = query.strip()
    match = (
        Q(attendee_name__icontains=query)
        | Q(booking__user__name__icontains=query)
        | Q(booking__user__email__iexact=query)
    )
    backup_code = backup_code_normalize(query)
    if backup_code is not None:
        match |= Q(backup_code=backup_code)
    return (
        Ticket.objects.filter(match, event_id=event.id)
        # Not yet paid for: no ticket at the door (it has no code either). Transferred away:
        # the new holder's ticket is found instead.
        .exclude(status__in=(TicketStatus.PENDING, TicketStatus.REVOKED))
        .select_related("booking__user", "ticket_type")
        .order_by("booking__user__name", "id")
    )


def door_kit_tickets(*, event: Event, changed_since: datetime | None) -> QuerySet[Ticket]:
    """The door kit's tickets: all of them, or those changed since a cursor's time. Tickets
    not yet paid for are left out; once paid, their change brings them in by cursor."""
    tickets = Ticket.objects.filter(event_id=event.id).exclude(status=TicketStatus.PENDING)
    if changed_since is not None:
        tickets = tickets.filter(changed_at__gte=changed_since)
    return tickets.select_related("booking__user", "ticket_type").order_by("id")


# The door kit's cursor: a time, moved back by a margin so that a change committed a little
# after the kit was read (its transaction began earlier) still comes in the next pull. A
# ticket may then come twice; the scanner keeps the newer copy by id.
CURSOR_MARGIN = timedelta(seconds=60)
_CURSOR_PREFIX = "c1."


@dataclass
class DoorKit:
    event: Event
    public_keys: list[dict]
    # Each with `admitted_lists`: the lists other than Entry it is admitted on.
    tickets: list[Ticket]
    # The event's check-in lists, each with `type_ids` (empty: every type).
    lists: list[CheckinList]
    # Codes of tickets transferred away: {code_sha256, backup_code, revoked_at}.
    revoked: list[dict]
    full: bool
    cursor: str
    server_time: datetime


def door_kit_cursor_read(cursor: str) -> datetime | None:
    """The time a cursor stands for, or None when it is not one of ours."""
    if not cursor.startswith(_CURSOR_PREFIX) or not cursor[len(_CURSOR_PREFIX) :].isdigit():
        return None
    micros = int(cursor[len(_CURSOR_PREFIX) :])
    if micros > 2**53:
        return None
    return datetime.fromtimestamp(micros / 1_000_000, tz=UTC)


def door_kit_get(*, event: Event, since: datetime | None) -> DoorKit:
    """What a scanner (or a door node) needs to admit people offline at `event`'s door."""
    now = timezone.now()
    cursor_time = now - CURSOR_MARGIN
    micros = int(cursor_time.timestamp() * 1_000_000)
    tickets = list(door_kit_tickets(event=event, changed_since=since))
    admitted = list_admissions_by_ticket(
        event=event, ticket_ids=None if since is None else [ticket.id for ticket in tickets]
    )
    for ticket in tickets:
        ticket.admitted_lists = admitted.get(ticket.id, [])
    lists = list(CheckinList.objects.filter(event_id=event.id).prefetch_related("ticket_types"))
    for checkin_list in lists:
        checkin_list.type_ids = sorted(kind.id for kind in checkin_list.ticket_types.all())
    return DoorKit(
        event=event,
        public_keys=[{"id": key_id, "key": key} for key_id, key in public_keys()],
        tickets=tickets,
        lists=lists,
        revoked=[
            {
                "code_sha256": ticket.revoked_code_sha256,
                "backup_code": ticket.backup_code,
                "revoked_at": ticket.revoked_at,
            }
            for ticket in tickets
            if ticket.status == TicketStatus.REVOKED
        ],
        full=since is None,
        cursor=f"{_CURSOR_PREFIX}{micros}",
        server_time=now,
    )


def checkin_list_list(*, event: Event) -> list[CheckinList]:
    """The event's check-in lists, Entry first, each with its types and `checked_in`: the
    event's counter for Entry, the list's admissions for the others (three queries)."""
    lists = list(
        CheckinList.objects.filter(event_id=event.id)
        .annotate(admitted=Count("admissions"))
        .prefetch_related(
            Prefetch("ticket_types", queryset=TicketType.objects.order_by("position", "id"))
        )
    )
    for checkin_list in lists:
        checkin_list.checked_in = (
            event.checked_in_count if checkin_list.is_default else checkin_list.admitted
        )
    return lists


def checkin_list_get(*, event: Event, list_id: int) -> CheckinList:
    return next(row for row in checkin_list_list(event=event) if row.id == list_id)


def list_admissions_by_ticket(*, event: Event, ticket_ids: list[int] | None) -> dict[int, list]:
    """The lists other than Entry each ticket is admitted on: {ticket id: [list ids]}."""
    rows = ListAdmission.objects.filter(checkin_list__event_id=event.id)
    if ticket_ids is not None:
        rows = rows.filter(ticket_id__in=ticket_ids)
    admitted: dict[int, list] = {}
    for ticket_id, list_id in rows.values_list("ticket_id", "checkin_list_id").order_by("id"):
        admitted.setdefault(ticket_id, []).append(list_id)
    return admitted
