"""The door: validate a ticket code, admit exactly once, log every scan, tell the live views.

Like pretix's perform_checkin, one function decides; unlike a read-then-write, admission is a
single conditional UPDATE (`... WHERE checked_in_at IS NULL`), so twenty gates scanning one
ticket at the same moment admit it once. A forged or altered code is refused from its
signature alone, before any database lookup.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import F
from django.utils import timezone

from bookings.models import Ticket, TicketStatus
from bookings.ticket_codes import ticket_code_verify
from common.db import atomic_with_retry
from common.exceptions import DomainError
from events.models import Event
from users.models import User

from .broadcast import broadcast_scan
from .models import RejectReason, Scan, ScanResult
from .selectors import attendance_counters


class NotCheckedIn(DomainError):
    code = "not_checked_in"
    status_code = 409
    default_detail = "This ticket is not checked in."


@dataclass(frozen=True)
class TicketAtDoor:
    """What the door needs of a ticket, read in one query as plain values (this runs on
    every scan, and model instances with their joins cost more than the query)."""

    id: int
    booking_id: int
    event_id: int
    status: str
    holder_name: str
    checked_in_at: datetime | None
    checked_in_gate: str
    checked_in_by_name: str | None


@dataclass
class ScanOutcome:
    """A decided scan: the logged row, the ticket it matched and the door's counters. Read
    by ValidateResultSerializer (the answer) and ScanSerializer (the log row, the push)."""

    scan: Scan
    ticket: TicketAtDoor | None
    counters: dict[str, int]
    checkin_opens_at: datetime

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

    @property
    def first_admission(self) -> TicketAtDoor | None:
        """The ticket when it is admitted (now or earlier), for "when, where and by whom"."""
        ticket = self.ticket
        return ticket if ticket is not None and ticket.checked_in_at is not None else None


_DOOR_FIELDS = {
    "id": "id",
    "booking_id": "booking_id",
    "event_id": "event_id",
    "status": "status",
    "holder_name": "booking__user__name",
    "checked_in_at": "checked_in_at",
    "checked_in_gate": "checked_in_gate",
    "checked_in_by_name": "checked_in_by__name",
}
_COUNTER_FIELDS = {
    "checked_in": "event__checked_in_count",
    "tickets_sold": "event__tickets_sold",
    "capacity": "event__capacity",
}


def _ticket_at_door(ticket_id: int, event_id: int) -> tuple[TicketAtDoor | None, dict | None]:
    """The ticket and the event's current counters, in one query."""
    row = (
        Ticket.objects.filter(id=ticket_id, event_id=event_id)
        .values(*_DOOR_FIELDS.values(), *_COUNTER_FIELDS.values())
        .first()
    )
    if row is None:
        return None, None
    ticket = TicketAtDoor(**{name: row[column] for name, column in _DOOR_FIELDS.items()})
    return ticket, {name: row[column] for name, column in _COUNTER_FIELDS.items()}


def _announce(outcome: ScanOutcome) -> ScanOutcome:
    broadcast_scan(outcome)
    return outcome


def _log_rejection(
    *,
    event: Event,
    scanner: User,
    gate: str,
    reason: str,
    now: datetime,
    ticket: TicketAtDoor | None = None,
    counters: dict | None = None,
    suspected_sharing: bool = False,
) -> ScanOutcome:
    scan = Scan.objects.create(
        event=event,
        ticket_id=ticket.id if ticket else None,
        scanner=scanner,
        gate=gate,
        result=ScanResult.REJECTED,
        reason=reason,
        suspected_sharing=suspected_sharing,
        scanned_at=now,
    )
    outcome = ScanOutcome(
        scan=scan,
        ticket=ticket,
        counters=counters or attendance_counters(event=event),
        checkin_opens_at=event.checkin_opens_at,
    )
    return _announce(outcome)


def ticket_check_in(*, scanner: User, event: Event, code: str, gate: str) -> ScanOutcome:
    """Decide one scan at `gate` of `event` (which the caller may scan) and log it."""
    now = timezone.now()
    claim = ticket_code_verify(code)
    if claim is None:
        return _log_rejection(
            event=event, scanner=scanner, gate=gate, reason=RejectReason.FAKE, now=now
        )
    if claim.event_id != event.id:
        # The ticket belongs to another organizer's event: log it without linking it here.
        return _log_rejection(
            event=event, scanner=scanner, gate=gate, reason=RejectReason.WRONG_EVENT, now=now
        )

    if event.checkin_opens_at <= now < event.ends_at:

        def admit() -> Scan | None:
            # By primary key alone: the signed claim already ties this ticket to this event,
            # and naming event_id here lets MariaDB walk the (event, status, checked_in_at)
            # index instead, locking other tickets' entries; concurrent scans then deadlock.
            admitted = Ticket.objects.filter(
                id=claim.ticket_id, status=TicketStatus.VALID, checked_in_at__isnull=True
            ).update(checked_in_at=now, checked_in_gate=gate, checked_in_by=scanner)
            if not admitted:
                return None
            scan = Scan.objects.create(
                event=event,
                ticket_id=claim.ticket_id,
                scanner=scanner,
                gate=gate,
                result=ScanResult.ACCEPTED,
                scanned_at=now,
            )
            # Last, so the event row is locked only until the commit that follows.
            Event.objects.filter(id=event.id).update(checked_in_count=F("checked_in_count") + 1)
            return scan

        scan = atomic_with_retry(admit)
        if scan is not None:
            ticket, counters = _ticket_at_door(claim.ticket_id, event.id)
            outcome = ScanOutcome(
                scan=scan,
                ticket=ticket,
                counters=counters,
                checkin_opens_at=event.checkin_opens_at,
            )
            return _announce(outcome)

    # Refused: read the ticket once to say why, in the contract's order.
    ticket, counters = _ticket_at_door(claim.ticket_id, event.id)
    sharing = False
    if ticket is None:  # signed by us but unknown: treat like any code we did not issue
        reason = RejectReason.FAKE
    elif ticket.status != TicketStatus.VALID:  # cancelled, or not paid for yet
        reason = RejectReason.CANCELLED
    elif now < event.checkin_opens_at:
        reason = RejectReason.NOT_STARTED
    elif now >= event.ends_at:
        reason = RejectReason.EXPIRED
    else:
        reason = RejectReason.DUPLICATE
        # A second refused attempt on one ticket is unlikely to be a double tap at one gate.
        sharing = Scan.objects.filter(ticket_id=ticket.id, reason=RejectReason.DUPLICATE).exists()
    return _log_rejection(
        event=event,
        scanner=scanner,
        gate=gate,
        reason=reason,
        now=now,
        ticket=ticket,
        counters=counters,
        suspected_sharing=sharing,
    )


def ticket_check_in_undo(*, actor: User, event: Event, ticket_id: int) -> ScanOutcome:
    """Undo a check-in made by mistake; the ticket may then be admitted again."""
    now = timezone.now()

    def undo() -> Scan:
        undone = Ticket.objects.filter(
            id=ticket_id, event_id=event.id, checked_in_at__isnull=False
        ).update(checked_in_at=None, checked_in_gate="", checked_in_by=None)
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
        Event.objects.filter(id=event.id).update(checked_in_count=F("checked_in_count") - 1)
        return scan

    scan = atomic_with_retry(undo)
    ticket, counters = _ticket_at_door(ticket_id, event.id)
    outcome = ScanOutcome(
        scan=scan, ticket=ticket, counters=counters, checkin_opens_at=event.checkin_opens_at
    )
    return _announce(outcome)
