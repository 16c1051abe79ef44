"""The door's one decider: what a scan names, and whether it lets the ticket in (or out), for
a scan made online now and for one a device made offline and uploads later.

Like pretix's perform_checkin, one function decides; unlike a read-then-write, admission is a
single conditional UPDATE (`... WHERE checked_in_at IS NULL`), so twenty gates scanning one
ticket at the same moment admit it once; re-entry and exit are conditional UPDATEs on
`inside` the same way. A forged or altered code is refused from its signature alone, before
any database lookup. Every scan, admitted or refused, is logged. The decider runs in its
caller's transaction and says how the event's counters move; the caller moves them (online
at once, offline once per uploaded chunk), last, so the hot event row is locked briefly.

Check-in lists: a scan made on the event's Entry list (or naming none) is decided as above;
its admissions are the ticket's own check-in and the event's counters. On another list the
ticket's type must be on the list, and admission is an INSERT of a ListAdmission that the
database's unique (ticket, list) index lets in once. Going out is leaving the venue, that is
Entry's, whatever list the scanner picked.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from bookings.backup_codes import backup_code_normalize
from bookings.models import Ticket, TicketStatus
from bookings.ticket_codes import PREFIX, ticket_code_verify
from events.models import Event
from users.models import User

from ..models import Direction, ListAdmission, RejectReason, Scan, ScanMethod, ScanResult
from .door_read import ListAtDoor


@dataclass(frozen=True)
class Target:
    """What a scan names: a ticket of this event, or a refusal found before any write."""

    ticket_id: int | None
    method: str
    refusal: str = ""
    other_event_id: int | None = None


def target_of_code(*, event: Event, code: str) -> Target:
    """A QR code (verified by its signature first) or a typed backup code."""
    claim = ticket_code_verify(code)
    if claim is not None:
        if claim.event_id != event.id:
            return Target(None, ScanMethod.QR, RejectReason.WRONG_EVENT, claim.event_id)
        return Target(claim.ticket_id, ScanMethod.QR)
    backup_code = None if code.strip().upper().startswith(PREFIX) else backup_code_normalize(code)
    if backup_code is None:
        return Target(None, ScanMethod.QR, RejectReason.FAKE)
    ticket_id = (
        Ticket.objects.filter(event_id=event.id, backup_code=backup_code)
        .values_list("id", flat=True)
        .first()
    )
    if ticket_id is None:
        return Target(None, ScanMethod.BACKUP_CODE, RejectReason.FAKE)
    return Target(ticket_id, ScanMethod.BACKUP_CODE)


def target_of_ticket(*, event: Event, ticket_id: int, method: str = ScanMethod.MANUAL) -> Target:
    """A ticket picked by id (found by search): only one of this event; another answers like a
    code we never issued, so ids of other events' tickets reveal nothing."""
    if not Ticket.objects.filter(id=ticket_id, event_id=event.id).exists():
        return Target(None, method, RejectReason.FAKE)
    return Target(ticket_id, method)


@dataclass(frozen=True)
class Door:
    """Where, when and by whom a scan is made. Offline (`synced_at` set): a device admitted
    the ticket by itself at `at` and uploads it now; a second admission is then a conflict
    (two people in on one ticket) or the device's own double tap, not a refusal."""

    event: Event
    scanner: User
    gate: str
    at: datetime
    device_id: str = ""
    client_scan_id: str | None = None
    synced_at: datetime | None = None
    # None: the event's Entry list (logged as NULL, which means Entry).
    checkin_list: ListAtDoor | None = None
    # Offline: the time the device gave, before `at` was capped at the server's now.
    device_at: datetime | None = None

    @property
    def offline(self) -> bool:
        return self.synced_at is not None

    @property
    def on_entry(self) -> bool:
        return self.checkin_list is None or self.checkin_list.is_default

    def scan(self, **fields) -> Scan:
        return Scan.objects.create(
            event=self.event,
            scanner=self.scanner,
            gate=self.gate,
            scanned_at=self.at,
            device_id=self.device_id,
            client_scan_id=self.client_scan_id,
            synced_at=self.synced_at,
            checkin_list_id=None if self.checkin_list is None else self.checkin_list.id,
            **fields,
        )


@dataclass(frozen=True)
class Decision:
    """A decided scan: the logged row, the ticket it names (None when not ours), how the
    event's counters move, whether it was a re-entry."""

    scan: Scan
    ticket_id: int | None
    checked_in: int = 0
    inside: int = 0
    reentry: bool = False


def event_counters_move(event_id: int, *, checked_in: int, inside: int) -> None:
    """Move the event's counters: last in a transaction, so the hot event row is locked only
    until the commit that follows."""
    changes = {}
    if checked_in:
        changes["checked_in_count"] = F("checked_in_count") + checked_in
    if inside:
        changes["inside_count"] = F("inside_count") + inside
    if changes:
        Event.objects.filter(id=event_id).update(**changes)


def _admit(door: Door, ticket_id: int, method: str) -> Decision | None:
    """Admit the ticket (first entry, or re-entry where allowed) and log it; None when it
    may not come in."""
    changed_at = timezone.now()  # the door kit's cursor: when it changed here, not `at`
    # By primary key alone: the caller already tied this ticket to this event, and naming
    # event_id here lets MariaDB walk the (event, status, checked_in_at) index instead,
    # locking other tickets' entries; concurrent scans then deadlock.
    admitted = Ticket.objects.filter(
        id=ticket_id, status=TicketStatus.VALID, checked_in_at__isnull=True
    ).update(
        checked_in_at=door.at,
        checked_in_gate=door.gate,
        checked_in_by=door.scanner,
        inside=True,
        entry_gate=door.gate,
        changed_at=changed_at,
    )
    reentry = False
    if not admitted and door.event.allow_reentry:
        admitted = Ticket.objects.filter(
            id=ticket_id, status=TicketStatus.VALID, checked_in_at__isnull=False, inside=False
        ).update(inside=True, entry_gate=door.gate, changed_at=changed_at)
        reentry = bool(admitted)
    if not admitted:
        return None
    scan = door.scan(
        ticket_id=ticket_id, result=ScanResult.ACCEPTED, direction=Direction.IN, method=method
    )
    return Decision(scan, ticket_id, checked_in=0 if reentry else 1, inside=1, reentry=reentry)


def _let_out(door: Door, ticket_id: int, method: str) -> Decision | None:
    left = Ticket.objects.filter(id=ticket_id, inside=True).update(
        inside=False, changed_at=timezone.now()
    )
    if not left:
        return None
    scan = door.scan(
        ticket_id=ticket_id, result=ScanResult.ACCEPTED, direction=Direction.OUT, method=method
    )
    return Decision(scan, ticket_id, inside=-1)


def _status_of(ticket_id: int) -> str | None:
    # Read committed: this sees the state that made the conditional UPDATE miss.
    return Ticket.objects.filter(id=ticket_id).values_list("status", flat=True).first()


def _window_refusal(event: Event, at: datetime, tolerance: timedelta = timedelta(0)) -> str:
    if at < event.checkin_opens_at - tolerance:
        return RejectReason.NOT_STARTED
    if at >= event.ends_at + tolerance:
        return RejectReason.EXPIRED
    return ""


def _door_window_refusal(door: Door) -> str:
    """Why the check-in window refuses this admission, or "". Online: the event's window,
    now. Offline: the same window at the device's time, give or take the clocks' skew
    (QE_DOOR_CLOCK_SKEW_SECONDS); a device time before the event existed, or ahead of
    ours by more than that, is a time that never was at this door (`not_started`)."""
    if not door.offline:
        return _window_refusal(door.event, door.at)
    skew = timedelta(seconds=settings.QE_DOOR_CLOCK_SKEW_SECONDS)
    device_at = door.device_at or door.at
    too_early = door.event.created_at is not None and device_at < door.event.created_at - skew
    assert door.synced_at is not None
    if too_early or device_at > door.synced_at + skew:
        return RejectReason.NOT_STARTED
    return _window_refusal(door.event, door.at, skew)


def _admitted_by_device(door: Door, ticket_id: int) -> bool:
    """Did this device, in this scanner's hands, already admit this ticket (its own earlier
    upload)? Then a second admission is a double tap, not a second person. Another uploader
    naming the device cannot pass a conflict off as a double tap."""
    earlier = Scan.objects.filter(
        event=door.event,
        ticket_id=ticket_id,
        scanner=door.scanner,
        device_id=door.device_id,
        direction=Direction.IN,
    )
    if door.on_entry:
        earlier = earlier.filter(Q(checkin_list__isnull=True) | Q(checkin_list__is_default=True))
    else:
        assert door.checkin_list is not None
        earlier = earlier.filter(checkin_list_id=door.checkin_list.id)
    return (
        earlier.filter(result=ScanResult.ACCEPTED).exists()
        or earlier.filter(reason=RejectReason.OFFLINE_CONFLICT).exists()
    )


def _why_not_in(door: Door, ticket_id: int) -> tuple[str, bool]:
    """Why a ticket that was not admitted stays out, in the contract's order, and whether it
    looks shared."""
    status = _status_of(ticket_id)
    if status is None:  # signed by us but unknown: treat like any code we did not issue
        return RejectReason.FAKE, False
    if status != TicketStatus.VALID:
        return RejectReason.of_status(status), False
    refusal = _door_window_refusal(door)
    if refusal:
        return refusal, False
    if door.offline:
        if _admitted_by_device(door, ticket_id):
            return RejectReason.DUPLICATE, False
        return RejectReason.OFFLINE_CONFLICT, True
    # A second refused attempt on one ticket is unlikely to be a double tap at one gate.
    shared = Scan.objects.filter(ticket_id=ticket_id, reason=RejectReason.DUPLICATE).exists()
    return RejectReason.DUPLICATE, shared


def _why_not_out(ticket_id: int) -> str:
    status = _status_of(ticket_id)
    if status is None:
        return RejectReason.FAKE
    if status != TicketStatus.VALID:
        return RejectReason.of_status(status)
    return RejectReason.NOT_INSIDE


def _move(door: Door, ticket_id: int, method: str, direction: str) -> Decision | None:
    if direction == Direction.OUT:
        return _let_out(door, ticket_id, method)
    # The check-in window: online now; offline at the device's time, within the clock skew.
    if _door_window_refusal(door):
        return None
    return _admit(door, ticket_id, method)


def decide(door: Door, target: Target, direction: str) -> Decision:
    """Decide one scan in the caller's transaction and log it."""
    if target.refusal:
        # Not a ticket of ours (or of another event): logged without linking a ticket here.
        scan = door.scan(
            result=ScanResult.REJECTED,
            reason=target.refusal,
            direction=direction,
            method=target.method,
        )
        return Decision(scan, None)
    ticket_id = target.ticket_id
    assert ticket_id is not None
    if direction == Direction.IN and not door.on_entry:
        return _decide_on_list(door, ticket_id, target.method)
    moved = _move(door, ticket_id, target.method, direction)
    if moved is not None:
        return moved
    if direction == Direction.OUT:
        reason, shared = _why_not_out(ticket_id), False
    else:
        reason, shared = _why_not_in(door, ticket_id)
    named = ticket_id if reason != RejectReason.FAKE else None
    scan = door.scan(
        ticket_id=named,
        result=ScanResult.REJECTED,
        reason=reason,
        suspected_sharing=shared,
        direction=direction,
        method=target.method,
    )
    return Decision(scan, named)


def _list_refusal(door: Door, ticket_id: int) -> str:
    """Why a ticket may not come in on a list other than Entry, before trying: "" if it may."""
    assert door.checkin_list is not None
    row = Ticket.objects.filter(id=ticket_id).values_list("status", "ticket_type_id").first()
    if row is None:
        return RejectReason.FAKE
    status, ticket_type_id = row
    if status != TicketStatus.VALID:
        return RejectReason.of_status(status)
    refusal = _door_window_refusal(door)
    if refusal:
        return refusal
    return "" if door.checkin_list.admits(ticket_type_id) else RejectReason.WRONG_LIST


def _list_admit(door: Door, ticket_id: int) -> bool | None:
    """Admit the ticket on the door's list: once, whatever number of gates try at once.
    None when the ticket is no longer valid (transferred or cancelled meanwhile)."""
    assert door.checkin_list is not None
    # The ticket's row first (also the door kit's cursor): a transfer is a conditional
    # UPDATE of the same row, so the two queue on its lock; one finds the other's change.
    marked = Ticket.objects.filter(id=ticket_id, status=TicketStatus.VALID).update(
        admitted_on_list=True, changed_at=timezone.now()
    )
    if not marked:
        return None
    try:
        with transaction.atomic():
            ListAdmission.objects.create(
                ticket_id=ticket_id,
                checkin_list_id=door.checkin_list.id,
                admitted_at=door.at,
                gate=door.gate,
                scanner=door.scanner,
            )
    except IntegrityError:
        return False
    return True


def _list_duplicate(door: Door, ticket_id: int) -> tuple[str, bool]:
    assert door.checkin_list is not None
    if door.offline:
        if _admitted_by_device(door, ticket_id):
            return RejectReason.DUPLICATE, False
        return RejectReason.OFFLINE_CONFLICT, True
    shared = Scan.objects.filter(
        ticket_id=ticket_id, checkin_list_id=door.checkin_list.id, reason=RejectReason.DUPLICATE
    ).exists()
    return RejectReason.DUPLICATE, shared


def _decide_on_list(door: Door, ticket_id: int, method: str) -> Decision:
    """A ticket coming in on a list other than Entry: the event's counters do not move."""
    reason, shared = _list_refusal(door, ticket_id), False
    if not reason:
        admitted = _list_admit(door, ticket_id)
        if admitted:
            scan = door.scan(
                ticket_id=ticket_id,
                result=ScanResult.ACCEPTED,
                direction=Direction.IN,
                method=method,
            )
            return Decision(scan, ticket_id)
        # None: the ticket changed since _list_refusal read it (transferred, cancelled).
        reason, shared = (
            (_list_refusal(door, ticket_id), False)
            if admitted is None
            else _list_duplicate(door, ticket_id)
        )
    named = ticket_id if reason != RejectReason.FAKE else None
    scan = door.scan(
        ticket_id=named,
        result=ScanResult.REJECTED,
        reason=reason,
        suspected_sharing=shared,
        direction=Direction.IN,
        method=method,
    )
    return Decision(scan, named)
