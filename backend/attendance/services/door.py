"""The door online: a scan of a QR code or a typed backup code, a ticket admitted by hand from
a search, an undone check-in. Each is decided (decide.py) and its counters moved in one short
transaction, then answered and pushed to the live views."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import F
from django.utils import timezone

from bookings.models import Ticket
from common.db import atomic_with_retry
from common.exceptions import DomainError, InvalidInput
from events.errors import EventCancelled
from events.models import Event, EventStatus
from events.permissions import EventAccess, event_for
from users.models import User

from ..broadcast import broadcast_scan
from ..errors import NotCheckedIn
from ..models import Direction, ListAdmission, Scan, ScanResult
from ..selectors import attendance_counters
from .decide import (
    Decision,
    Door,
    Target,
    decide,
    event_counters_move,
    target_of_code,
    target_of_ticket,
)
from .door_read import ListAtDoor, TicketAtDoor, list_at_door, ticket_at_door


@dataclass(frozen=True)
class ListAdmissionAtDoor:
    """When, where and by whom a ticket was admitted on a list other than Entry (the same
    attributes as a TicketAtDoor's admission)."""

    checked_in_at: datetime
    checked_in_gate: str
    checked_in_by_name: str | None


@dataclass
class ScanOutcome:
    """A decided scan: the logged row, the ticket it matched and the door's counters. Read
    by ValidateResultSerializer (the answer) and ScanSerializer (the log row, the push)."""

    scan: Scan
    ticket: TicketAtDoor | None
    counters: dict
    checkin_opens_at: datetime
    # A code of another event that the scanner may see: named in the answer.
    other_event: Event | None = None
    reentry: bool = False
    # The list scanned on (Entry when none was named), and the ticket's admission on it when
    # it is another list.
    checkin_list: ListAtDoor | None = None
    list_admission: ListAdmissionAtDoor | None = None

    @property
    def accepted(self) -> bool:
        return self.scan.result == ScanResult.ACCEPTED

    # The scan as a log row: the same attributes as a Scan read with its relations.
    id = property(lambda self: self.scan.id)
    scanned_at = property(lambda self: self.scan.scanned_at)
    gate = property(lambda self: self.scan.gate)
    result = property(lambda self: self.scan.result)
    reason = property(lambda self: self.scan.reason)
    suspected_sharing = property(lambda self: self.scan.suspected_sharing)
    scanner = property(lambda self: self.scan.scanner)
    direction = property(lambda self: self.scan.direction)
    method = property(lambda self: self.scan.method)
    synced_at = property(lambda self: self.scan.synced_at)

    @property
    def first_admission(self) -> TicketAtDoor | ListAdmissionAtDoor | None:
        """The ticket when it is admitted (now or earlier) on the list scanned, for "when,
        where and by whom"."""
        if self.checkin_list is not None and not self.checkin_list.is_default:
            return self.list_admission
        ticket = self.ticket
        return ticket if ticket is not None and ticket.checked_in_at is not None else None


def scan_outcome(
    *,
    event: Event,
    scan: Scan,
    ticket_id: int | None,
    other_event: Event | None = None,
    reentry: bool = False,
    checkin_list: ListAtDoor | None = None,
) -> ScanOutcome:
    """The answer to a decided scan, pushed to every live view of the event's door."""
    ticket, counters, entry = (
        ticket_at_door(ticket_id, event.id) if ticket_id else (None, None, None)
    )
    if counters is None:  # no ticket of ours: the event's counters as the request read them
        counters = attendance_counters(event=event)
    if checkin_list is None and scan.checkin_list_id is not None:
        checkin_list = list_at_door(event=event, list_id=scan.checkin_list_id)
    # A scan naming no list and no ticket of ours (a forged code) leaves it None: Entry.
    checkin_list = checkin_list or entry
    outcome = ScanOutcome(
        scan=scan,
        ticket=ticket,
        counters=counters,
        checkin_opens_at=event.checkin_opens_at,
        other_event=other_event,
        reentry=reentry,
        checkin_list=checkin_list,
        list_admission=_list_admission(ticket_id, checkin_list),
    )
    broadcast_scan(outcome)
    return outcome


def checkin_list_at_door(*, event: Event, list_id: int | None) -> ListAtDoor | None:
    """The list a scan names (None: Entry, resolved without a query); a list that is not the
    event's is bad input."""
    if list_id is None:
        return None
    checkin_list = list_at_door(event=event, list_id=list_id)
    if checkin_list is None:
        raise InvalidInput(fields={"list": [f"Not a check-in list of this event: {list_id}."]})
    return checkin_list


def _list_admission(
    ticket_id: int | None, checkin_list: ListAtDoor | None
) -> ListAdmissionAtDoor | None:
    # None: Entry (or an event without its Entry row), whose admission is the ticket's own.
    if ticket_id is None or checkin_list is None or checkin_list.is_default:
        return None
    row = (
        ListAdmission.objects.filter(ticket_id=ticket_id, checkin_list_id=checkin_list.id)
        .values_list("admitted_at", "gate", "scanner__name")
        .first()
    )
    return None if row is None else ListAdmissionAtDoor(*row)


def _visible_event(user: User, event_id: int) -> Event | None:
    try:
        return event_for(user=user, event_id=event_id, access=EventAccess.SEE)
    except DomainError:  # not found, or not the scanner's to see
        return None


@dataclass(frozen=True)
class DoorPlace:
    """Where a scan is made: the gate, the device (when it says) and the check-in list (None:
    the event's Entry)."""

    gate: str
    device_id: str = ""
    checkin_list: ListAtDoor | None = None


def _decide_online(
    *, scanner: User, event: Event, target: Target, place: DoorPlace, direction: str
) -> ScanOutcome:
    # The scanning device, when it says: an offline admission it uploads later for a ticket
    # it admitted online (its answer lost to a timeout) is then a double tap, not a conflict.
    door = Door(
        event=event,
        scanner=scanner,
        gate=place.gate,
        at=timezone.now(),
        device_id=place.device_id,
        checkin_list=place.checkin_list,
    )

    def apply() -> Decision:
        decision = decide(door, target, direction)
        event_counters_move(event.id, checked_in=decision.checked_in, inside=decision.inside)
        return decision

    # A code refused before any lookup is one INSERT: no transaction around it.
    decision = decide(door, target, direction) if target.refusal else atomic_with_retry(apply)
    other = None
    if target.other_event_id is not None:
        other = _visible_event(scanner, target.other_event_id)
    return scan_outcome(
        event=event,
        scan=decision.scan,
        ticket_id=decision.ticket_id,
        other_event=other,
        reentry=decision.reentry,
        checkin_list=place.checkin_list,
    )


def ticket_scan(
    *,
    scanner: User,
    event: Event,
    code: str,
    gate: str,
    direction: str = Direction.IN,
    device_id: str = "",
    checkin_list: ListAtDoor | None = None,
) -> ScanOutcome:
    """Decide one scan of a QR code or a typed backup code at `gate` of `event` (which the
    caller may scan), coming in or going out, and log it."""
    return _decide_online(
        scanner=scanner,
        event=event,
        target=target_of_code(event=event, code=code),
        place=DoorPlace(gate, device_id, checkin_list),
        direction=direction,
    )


def ticket_check_in_manual(
    *,
    scanner: User,
    event: Event,
    ticket_id: int,
    gate: str,
    direction: str = Direction.IN,
    device_id: str = "",
    checkin_list: ListAtDoor | None = None,
) -> ScanOutcome:
    """A ticket found by name, e-mail or backup code (search), admitted or let out by hand:
    the same rules as a scan, logged as manual."""
    return _decide_online(
        scanner=scanner,
        event=event,
        target=target_of_ticket(event=event, ticket_id=ticket_id),
        place=DoorPlace(gate, device_id, checkin_list),
        direction=direction,
    )


def ticket_check_in_undo(*, actor: User, event: Event, ticket_id: int) -> ScanOutcome:
    """Undo a check-in made by mistake; the ticket may then be admitted again."""
    now = timezone.now()

    def undo() -> Scan:  # Entry's check-in (admissions on other lists are not undone)
        admitted = Ticket.objects.filter(
            id=ticket_id, event_id=event.id, checked_in_at__isnull=False
        )
        was_inside = admitted.filter(inside=True).update(
            checked_in_at=None, checked_in_gate="", checked_in_by=None, inside=False, changed_at=now
        )
        undone = was_inside or admitted.update(
            checked_in_at=None, checked_in_gate="", checked_in_by=None, changed_at=now
        )
        if not undone:
            raise NotCheckedIn()
        scan = Scan.objects.create(
            event=event,
            ticket_id=ticket_id,
            scanner=actor,
            gate="",
            result=ScanResult.UNDONE,
            scanned_at=now,
        )
        counts = {"checked_in_count": F("checked_in_count") - 1}
        if was_inside:
            counts["inside_count"] = F("inside_count") - 1
        # A cancelled event's counters were zeroed with its tickets: nothing to undo there.
        # Conditional on the status in the same write (the event row last, as everywhere),
        # so a cancellation committing meanwhile is seen; the raise rolls the ticket back.
        if (
            not Event.objects.filter(id=event.id)
            .exclude(status=EventStatus.CANCELLED)
            .update(**counts)
        ):
            raise EventCancelled("This event was cancelled: its check-ins cannot be undone.")
        return scan

    scan = atomic_with_retry(undo)
    ticket, counters, entry = ticket_at_door(ticket_id, event.id)
    outcome = ScanOutcome(
        scan=scan,
        ticket=ticket,
        counters=counters,
        checkin_opens_at=event.checkin_opens_at,
        checkin_list=entry,
    )
    broadcast_scan(outcome)
    return outcome
