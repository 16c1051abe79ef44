"""The door: validate a ticket (its QR code, its backup code, or a ticket found by search),
admit exactly once, let it out and back in where the event allows re-entry, take in the scans
that devices made offline, log every scan and tell the live views.

Like pretix's perform_checkin, one function decides; unlike a read-then-write, admission is a
single conditional UPDATE (`... WHERE checked_in_at IS NULL`), so twenty gates scanning one
ticket at the same moment admit it once; re-entry and exit are conditional UPDATEs on
`inside` the same way. A forged or altered code is refused from its signature alone, before
any database lookup.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from bookings.backup_codes import backup_code_normalize
from bookings.models import Ticket, TicketStatus
from bookings.ticket_codes import PREFIX, ticket_code_verify
from common.db import PreparedRead, atomic_with_retry
from common.exceptions import DomainError, Forbidden, NotFound
from events.models import Event
from events.permissions import EventAccess, event_for
from users.models import User

from .broadcast import broadcast_scan
from .models import Direction, RejectReason, Scan, ScanMethod, ScanResult
from .selectors import attendance_counters, occupancy_by_gate


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
    backup_code: str
    checked_in_at: datetime | None
    checked_in_gate: str
    checked_in_by_name: str | None
    inside: bool


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
}


_TICKET_AT_DOOR = PreparedRead(
    lambda ticket_id, event_id: Ticket.objects.filter(id=ticket_id, event_id=event_id).values(
        *_DOOR_FIELDS.values(), *_COUNTER_FIELDS.values()
    ),
    "ticket_id",
    "event_id",
)


def _ticket_at_door(ticket_id: int, event_id: int) -> tuple[TicketAtDoor | None, dict | None]:
    """The ticket and the event's current counters, in one query (and the occupancy per
    gate in a second, index-only one); both compiled once, as they run on every scan."""
    rows = _TICKET_AT_DOOR.rows(ticket_id=ticket_id, event_id=event_id)
    if not rows:
        return None, None
    [row] = rows
    ticket = TicketAtDoor(**{name: row[column] for name, column in _DOOR_FIELDS.items()})
    counters = {name: row[column] for name, column in _COUNTER_FIELDS.items()}
    counters["by_gate"] = occupancy_by_gate(event_id=event_id)
    return ticket, counters


@dataclass(frozen=True)
class _Target:
    """What a scan names: a ticket of this event, or a refusal found before any write."""

    ticket_id: int | None
    method: str
    refusal: str = ""
    other_event_id: int | None = None


def _target_of_code(*, event: Event, code: str) -> _Target:
    claim = ticket_code_verify(code)
    if claim is not None:
        if claim.event_id != event.id:
            return _Target(None, ScanMethod.QR, RejectReason.WRONG_EVENT, claim.event_id)
        return _Target(claim.ticket_id, ScanMethod.QR)
    backup_code = None if code.strip().upper().startswith(PREFIX) else backup_code_normalize(code)
    if backup_code is None:
        return _Target(None, ScanMethod.QR, RejectReason.FAKE)
    ticket_id = (
        Ticket.objects.filter(event_id=event.id, backup_code=backup_code)
        .values_list("id", flat=True)
        .first()
    )
    if ticket_id is None:
        return _Target(None, ScanMethod.BACKUP_CODE, RejectReason.FAKE)
    return _Target(ticket_id, ScanMethod.BACKUP_CODE)


def _target_of_ticket(*, event: Event, ticket_id: int) -> _Target:
    """A ticket picked by id (found by search): only one of this event; another answers like a
    code we never issued, so ids of other events' tickets reveal nothing."""
    exists = Ticket.objects.filter(id=ticket_id, event_id=event.id).exists()
    if not exists:
        return _Target(None, ScanMethod.MANUAL, RejectReason.FAKE)
    return _Target(ticket_id, ScanMethod.MANUAL)


def _visible_event(user: User, event_id: int) -> Event | None:
    try:
        return event_for(user=user, event_id=event_id, access=EventAccess.SEE)
    except (NotFound, Forbidden):
        return None


@dataclass(frozen=True)
class _Upload:
    """Where a scan came from when a device made it offline (the sync's fields of Scan)."""

    device_id: str = ""
    client_scan_id: str | None = None
    synced_at: datetime | None = None

    def fields(self) -> dict:
        return {
            "device_id": self.device_id,
            "client_scan_id": self.client_scan_id,
            "synced_at": self.synced_at,
        }


_ONLINE = _Upload()


def _count(event_id: int, *, checked_in: int, inside: int) -> None:
    """Move the event's counters: last in a transaction, so the hot event row is locked only
    until the commit that follows."""
    changes = {}
    if checked_in:
        changes["checked_in_count"] = F("checked_in_count") + checked_in
    if inside:
        changes["inside_count"] = F("inside_count") + inside
    if changes:
        Event.objects.filter(id=event_id).update(**changes)


def _admit_rows(
    *,
    event: Event,
    ticket_id: int,
    scanner: User,
    gate: str,
    at: datetime,
    method: str,
    upload: _Upload,
) -> tuple[Scan, bool] | None:
    """In the caller's transaction: admit the ticket (first entry, or re-entry where allowed)
    and log it. The scan and whether it was a re-entry, or None when it may not come in. The
    caller moves the counters (_count)."""
    changed_at = timezone.now()  # the door kit's cursor: when it changed here, not `at`
    # By primary key alone: the caller already tied this ticket to this event, and naming
    # event_id here lets MariaDB walk the (event, status, checked_in_at) index instead,
    # locking other tickets' entries; concurrent scans then deadlock.
    reentry = False
    admitted = Ticket.objects.filter(
        id=ticket_id, status=TicketStatus.VALID, checked_in_at__isnull=True
    ).update(
        checked_in_at=at,
        checked_in_gate=gate,
        checked_in_by=scanner,
        inside=True,
        entry_gate=gate,
        changed_at=changed_at,
    )
    if not admitted and event.allow_reentry:
        admitted = Ticket.objects.filter(
            id=ticket_id, status=TicketStatus.VALID, checked_in_at__isnull=False, inside=False
        ).update(inside=True, entry_gate=gate, changed_at=changed_at)
        reentry = bool(admitted)
    if not admitted:
        return None
    scan = Scan.objects.create(
        event=event,
        ticket_id=ticket_id,
        scanner=scanner,
        gate=gate,
        result=ScanResult.ACCEPTED,
        direction=Direction.IN,
        method=method,
        scanned_at=at,
        **upload.fields(),
    )
    return scan, reentry


def _exit_rows(
    *,
    event: Event,
    ticket_id: int,
    scanner: User,
    gate: str,
    at: datetime,
    method: str,
    upload: _Upload,
) -> Scan | None:
    """In the caller's transaction: let an admitted ticket out and log it, or None when it is
    not inside. The caller moves the counters."""
    left = Ticket.objects.filter(id=ticket_id, inside=True).update(
        inside=False, changed_at=timezone.now()
    )
    if not left:
        return None
    return Scan.objects.create(
        event=event,
        ticket_id=ticket_id,
        scanner=scanner,
        gate=gate,
        result=ScanResult.ACCEPTED,
        direction=Direction.OUT,
        method=method,
        scanned_at=at,
        **upload.fields(),
    )


def _enter(**scan) -> tuple[Scan, bool] | None:
    """Admit in a transaction of its own (an online scan)."""

    def admit() -> tuple[Scan, bool] | None:
        admitted = _admit_rows(**scan)
        if admitted is not None:
            _count(scan["event"].id, checked_in=0 if admitted[1] else 1, inside=1)
        return admitted

    return atomic_with_retry(admit)


def _leave(**scan) -> Scan | None:
    """Let out in a transaction of its own (an online scan)."""

    def leave() -> Scan | None:
        left = _exit_rows(**scan)
        if left is not None:
            _count(scan["event"].id, checked_in=0, inside=-1)
        return left

    return atomic_with_retry(leave)


def _log_rejection(
    *,
    event: Event,
    scanner: User,
    gate: str,
    reason: str,
    at: datetime,
    direction: str,
    method: str,
    ticket_id: int | None = None,
    suspected_sharing: bool = False,
    upload: _Upload = _ONLINE,
) -> Scan:
    return Scan.objects.create(
        event=event,
        ticket_id=ticket_id,
        scanner=scanner,
        gate=gate,
        result=ScanResult.REJECTED,
        reason=reason,
        suspected_sharing=suspected_sharing,
        scanned_at=at,
        direction=direction,
        method=method,
        **upload.fields(),
    )


def _outcome(
    *,
    event: Event,
    scan: Scan,
    ticket_id: int | None,
    other_event: Event | None = None,
    reentry: bool = False,
) -> ScanOutcome:
    ticket, counters = _ticket_at_door(ticket_id, event.id) if ticket_id else (None, None)
    if counters is None:  # no ticket of ours: the event's counters as the request read them
        counters = attendance_counters(event=event)
    outcome = ScanOutcome(
        scan=scan,
        ticket=ticket,
        counters=counters,
        checkin_opens_at=event.checkin_opens_at,
        other_event=other_event,
        reentry=reentry,
    )
    broadcast_scan(outcome)
    return outcome


def _refusal_to_enter(*, event: Event, ticket: TicketAtDoor | None, now: datetime) -> str:
    """Why a ticket that the conditional UPDATE did not admit stays out, in the contract's
    order."""
    if ticket is None:  # signed by us but unknown: treat like any code we did not issue
        return RejectReason.FAKE
    if ticket.status != TicketStatus.VALID:  # cancelled, or not paid for yet
        return RejectReason.CANCELLED
    if now < event.checkin_opens_at:
        return RejectReason.NOT_STARTED
    if now >= event.ends_at:
        return RejectReason.EXPIRED
    return RejectReason.DUPLICATE


def _decide(
    *, scanner: User, event: Event, target: _Target, gate: str, direction: str, device_id: str = ""
) -> ScanOutcome:
    now = timezone.now()
    # The scanning device, when it says: an offline admission it uploads later for a ticket
    # it admitted online (its answer lost to a timeout) is then a double tap, not a conflict.
    online = _Upload(device_id=device_id)
    if target.refusal:
        other = None
        if target.other_event_id is not None:
            other = _visible_event(scanner, target.other_event_id)
        scan = _log_rejection(
            event=event,
            scanner=scanner,
            gate=gate,
            reason=target.refusal,
            at=now,
            direction=direction,
            method=target.method,
        )
        # The ticket belongs to another event: logged without linking it here.
        return _outcome(event=event, scan=scan, ticket_id=None, other_event=other)

    ticket_id = target.ticket_id
    assert ticket_id is not None
    if direction == Direction.OUT:
        left = _leave(
            event=event,
            ticket_id=ticket_id,
            scanner=scanner,
            gate=gate,
            at=now,
            method=target.method,
            upload=online,
        )
        if left is not None:
            return _outcome(event=event, scan=left, ticket_id=ticket_id)
        ticket, _ = _ticket_at_door(ticket_id, event.id)
        reason = RejectReason.NOT_INSIDE
        if ticket is None:
            reason = RejectReason.FAKE
        elif ticket.status != TicketStatus.VALID:  # cancelled, or not paid for yet
            reason = RejectReason.CANCELLED
    else:
        if event.checkin_opens_at <= now < event.ends_at:
            admitted = _enter(
                event=event,
                ticket_id=ticket_id,
                scanner=scanner,
                gate=gate,
                at=now,
                method=target.method,
                upload=online,
            )
            if admitted is not None:
                scan, reentry = admitted
                return _outcome(event=event, scan=scan, ticket_id=ticket_id, reentry=reentry)
        ticket, _ = _ticket_at_door(ticket_id, event.id)
        reason = _refusal_to_enter(event=event, ticket=ticket, now=now)
    sharing = False
    if reason == RejectReason.DUPLICATE:
        # A second refused attempt on one ticket is unlikely to be a double tap at one gate.
        sharing = Scan.objects.filter(ticket_id=ticket_id, reason=RejectReason.DUPLICATE).exists()
    scan = _log_rejection(
        event=event,
        scanner=scanner,
        gate=gate,
        reason=reason,
        at=now,
        direction=direction,
        method=target.method,
        ticket_id=ticket_id if reason != RejectReason.FAKE else None,
        suspected_sharing=sharing,
    )
    return _outcome(
        event=event, scan=scan, ticket_id=ticket_id if reason != RejectReason.FAKE else None
    )


def ticket_scan(
    *,
    scanner: User,
    event: Event,
    code: str,
    gate: str,
    direction: str = Direction.IN,
    device_id: str = "",
) -> ScanOutcome:
    """Decide one scan of a QR code or a typed backup code at `gate` of `event` (which the
    caller may scan), coming in or going out, and log it."""
    return _decide(
        scanner=scanner,
        event=event,
        target=_target_of_code(event=event, code=code),
        gate=gate,
        direction=direction,
        device_id=device_id,
    )


def ticket_check_in(*, scanner: User, event: Event, code: str, gate: str) -> ScanOutcome:
    """Decide one scan of a code at the way in."""
    return ticket_scan(scanner=scanner, event=event, code=code, gate=gate, direction=Direction.IN)


def ticket_check_in_manual(
    *,
    scanner: User,
    event: Event,
    ticket_id: int,
    gate: str,
    direction: str = Direction.IN,
    device_id: str = "",
) -> ScanOutcome:
    """A ticket found by name, e-mail or backup code (search), admitted or let out by hand:
    the same rules as a scan, logged as manual."""
    return _decide(
        scanner=scanner,
        event=event,
        target=_target_of_ticket(event=event, ticket_id=ticket_id),
        gate=gate,
        direction=direction,
        device_id=device_id,
    )


def ticket_check_in_undo(*, actor: User, event: Event, ticket_id: int) -> ScanOutcome:
    """Undo a check-in made by mistake; the ticket may then be admitted again."""
    now = timezone.now()

    def undo() -> Scan:
        was_inside = Ticket.objects.filter(
            id=ticket_id, event_id=event.id, checked_in_at__isnull=False, inside=True
        ).update(
            checked_in_at=None, checked_in_gate="", checked_in_by=None, inside=False, changed_at=now
        )
        undone = was_inside or Ticket.objects.filter(
            id=ticket_id, event_id=event.id, checked_in_at__isnull=False
        ).update(checked_in_at=None, checked_in_gate="", checked_in_by=None, changed_at=now)
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
        Event.objects.filter(id=event.id).update(**counts)
        return scan

    scan = atomic_with_retry(undo)
    ticket, counters = _ticket_at_door(ticket_id, event.id)
    outcome = ScanOutcome(
        scan=scan, ticket=ticket, counters=counters, checkin_opens_at=event.checkin_opens_at
    )
    broadcast_scan(outcome)
    return outcome


# --- Offline scans, uploaded later ------------------------------------------------------------


class SyncOutcome:
    ACCEPTED = "accepted"
    OFFLINE_CONFLICT = "offline_conflict"
    DUPLICATE = "duplicate"
    REJECTED = "rejected"
    ALL = (ACCEPTED, OFFLINE_CONFLICT, DUPLICATE, REJECTED)


@dataclass(frozen=True)
class OfflineScan:
    """One admission (or exit) a device made on its own, as it uploads it."""

    client_scan_id: str
    gate: str
    direction: str
    scanned_at: datetime
    code: str | None = None
    ticket: int | None = None
    method: str | None = None


@dataclass
class SyncedScan:
    """What became of one uploaded scan. Read by SyncResultItemSerializer."""

    client_scan_id: str
    scan: Scan
    ticket: TicketAtDoor | None = None

    @property
    def outcome(self) -> str:
        if self.scan.result == ScanResult.ACCEPTED:
            return SyncOutcome.ACCEPTED
        if self.scan.reason == RejectReason.OFFLINE_CONFLICT:
            return SyncOutcome.OFFLINE_CONFLICT
        if self.scan.reason == RejectReason.DUPLICATE:
            return SyncOutcome.DUPLICATE
        return SyncOutcome.REJECTED

    @property
    def reason(self) -> str:
        return self.scan.reason if self.outcome == SyncOutcome.REJECTED else ""

    scan_id = property(lambda self: self.scan.id)
    direction = property(lambda self: self.scan.direction)
    scanned_at = property(lambda self: self.scan.scanned_at)


@dataclass
class SyncReport:
    event: Event
    device_id: str
    results: list[SyncedScan] = field(default_factory=list)
    counters: dict = field(default_factory=dict)


def _admitted_by_device(*, event: Event, ticket_id: int, device_id: str) -> bool:
    """Did this device already admit this ticket (its own earlier upload)? Then a second
    admission is a double tap, not a second person."""
    earlier = Scan.objects.filter(
        event=event, ticket_id=ticket_id, device_id=device_id, direction=Direction.IN
    )
    return (
        earlier.filter(result=ScanResult.ACCEPTED).exists()
        or earlier.filter(reason=RejectReason.OFFLINE_CONFLICT).exists()
    )


# Offline scans are taken in one transaction per chunk: one commit (one log flush) for many
# scans instead of one each, the event's counters moved once at the chunk's end (its row
# locked last and briefly, as everywhere), each scan in a savepoint of its own.
SYNC_CHUNK = 100


@dataclass
class _Tally:
    checked_in: int = 0
    inside: int = 0


def _sync_one(
    *, scanner: User, event: Event, device_id: str, item: OfflineScan, now: datetime, tally: _Tally
) -> Scan:
    """Record one offline scan, in the chunk's transaction: the ticket admitted now if nobody
    was before (at the time the device saw it), else the conflict, the double tap or the
    refusal, logged."""
    at = min(item.scanned_at, now)  # a device clock ahead of ours: never a scan in the future
    upload = _Upload(device_id=device_id, client_scan_id=item.client_scan_id, synced_at=now)
    if item.ticket is not None:
        target = _target_of_ticket(event=event, ticket_id=item.ticket)
        if item.method:
            target = _Target(target.ticket_id, item.method, target.refusal)
    else:
        target = _target_of_code(event=event, code=item.code or "")
    where = {"event": event, "scanner": scanner, "gate": item.gate, "at": at}
    if target.refusal:
        return _log_rejection(
            **where,
            reason=target.refusal,
            direction=item.direction,
            method=target.method,
            upload=upload,
        )
    ticket_id = target.ticket_id
    assert ticket_id is not None
    how = {"method": target.method, "upload": upload}
    if item.direction == Direction.OUT:
        left = _exit_rows(**where, ticket_id=ticket_id, **how)
        if left is not None:
            tally.inside -= 1
            return left
        status = Ticket.objects.filter(id=ticket_id).values_list("status", flat=True).first()
        reason = RejectReason.CANCELLED if status != TicketStatus.VALID else RejectReason.NOT_INSIDE
        return _log_rejection(
            **where, reason=reason, direction=Direction.OUT, ticket_id=ticket_id, **how
        )
    admitted = _admit_rows(**where, ticket_id=ticket_id, **how)
    if admitted is not None:
        scan, reentry = admitted
        tally.checked_in += 0 if reentry else 1
        tally.inside += 1
        return scan
    # Read committed: this sees the state that made the conditional UPDATE miss.
    status = Ticket.objects.filter(id=ticket_id).values_list("status", flat=True).first()
    sharing = False
    if status != TicketStatus.VALID:
        # Cancelled (or the event) while the device was offline, or never paid for.
        reason = RejectReason.CANCELLED
    elif _admitted_by_device(event=event, ticket_id=ticket_id, device_id=device_id):
        reason = RejectReason.DUPLICATE
    else:
        reason, sharing = RejectReason.OFFLINE_CONFLICT, True
    return _log_rejection(
        **where,
        reason=reason,
        direction=Direction.IN,
        ticket_id=ticket_id,
        suspected_sharing=sharing,
        **how,
    )


def _sync_chunk(
    *,
    scanner: User,
    event: Event,
    device_id: str,
    items: list[OfflineScan],
    known: dict[str, Scan],
    now: datetime,
) -> list[Scan]:
    """One transaction for a chunk of new offline scans; the new conflicts it logged."""

    def work() -> tuple[dict[str, Scan], list[Scan]]:
        tally, taken, conflicts = _Tally(), {}, []
        for item in items:
            if item.client_scan_id in taken:  # twice in one upload: one scan
                continue
            try:
                with transaction.atomic():
                    scan = _sync_one(
                        scanner=scanner,
                        event=event,
                        device_id=device_id,
                        item=item,
                        now=now,
                        tally=tally,
                    )
            except IntegrityError:
                # The same scan in an upload running at the same moment: it is that one's.
                # (Read committed: its row is visible once its transaction committed, which
                # is what the unique index waited for.)
                scan = Scan.objects.get(
                    event=event, device_id=device_id, client_scan_id=item.client_scan_id
                )
            else:
                if scan.reason == RejectReason.OFFLINE_CONFLICT:
                    conflicts.append(scan)
            taken[item.client_scan_id] = scan
        _count(event.id, checked_in=tally.checked_in, inside=tally.inside)
        return taken, conflicts

    taken, conflicts = atomic_with_retry(work)
    known.update(taken)
    return conflicts


def scans_sync(
    *, scanner: User, event: Event, device_id: str, scans: list[OfflineScan]
) -> SyncReport:
    """Take in the scans a device made offline, in its order, each once: an upload repeated
    (the device never saw the answer) finds its scans by (device, client_scan_id) and answers
    what it answered the first time. The database's unique constraint decides between two
    uploads of one scan racing each other."""
    now = timezone.now()
    ids = [item.client_scan_id for item in scans]
    known = {
        scan.client_scan_id: scan
        for scan in Scan.objects.filter(event=event, device_id=device_id, client_scan_id__in=ids)
    }
    new = [item for item in scans if item.client_scan_id not in known]
    conflicts: list[Scan] = []
    for start in range(0, len(new), SYNC_CHUNK):
        conflicts += _sync_chunk(
            scanner=scanner,
            event=event,
            device_id=device_id,
            items=new[start : start + SYNC_CHUNK],
            known=known,
            now=now,
        )
    for scan in conflicts:
        # Two people in on one ticket: every live view shows it at once.
        _outcome(event=event, scan=scan, ticket_id=scan.ticket_id)
    report = SyncReport(event=event, device_id=device_id)
    report.results = [
        SyncedScan(client_scan_id=item.client_scan_id, scan=known[item.client_scan_id])
        for item in scans
    ]
    _attach_tickets(report)
    event.refresh_from_db(fields=["checked_in_count", "tickets_sold", "inside_count"])
    report.counters = attendance_counters(event=event)
    if report.results:
        # One push with the counters after the batch (not one per scan of a long upload).
        last = report.results[-1].scan
        broadcast_scan(
            ScanOutcome(
                scan=last,
                ticket=None,
                counters=report.counters,
                checkin_opens_at=event.checkin_opens_at,
            )
        )
    return report


def _attach_tickets(report: SyncReport) -> None:
    ids = {result.scan.ticket_id for result in report.results if result.scan.ticket_id}
    rows = Ticket.objects.filter(id__in=ids, event_id=report.event.id).values(
        *_DOOR_FIELDS.values()
    )
    tickets = {
        row["id"]: TicketAtDoor(**{name: row[column] for name, column in _DOOR_FIELDS.items()})
        for row in rows
    }
    for result in report.results:
        result.ticket = tickets.get(result.scan.ticket_id)


# --- The door node: a venue laptop mirroring one event from the main server -------------------
#
# It keeps the main server's ids (event, bookings, tickets), so a code verifies and names the
# same ticket here and upstream. Holders and the organizer exist here as placeholder accounts
# that cannot sign in (no personal data beyond the name the door kit carries).

_PLACEHOLDER_DOMAIN = "door-node.invalid"


def door_account_ensure(*, event_id: int, email: str, password: str) -> User:
    """The door staff account of this node: the upstream one's e-mail and password, so the
    people at the door sign in here as they would upstream; door staff of the mirrored event."""
    from django.contrib.auth.hashers import make_password

    from events.models import EventStaff

    email = email.strip().lower()
    user, _ = User.objects.update_or_create(
        email=email, defaults={"password": make_password(password), "is_active": True}
    )
    if not user.name:
        User.objects.filter(id=user.id).update(name=email.split("@")[0])
    EventStaff.objects.update_or_create(
        event_id=event_id,
        email=email,
        defaults={"user": user, "accepted_at": timezone.now()},
    )
    return user


def _placeholder(email: str, name: str, **fields) -> User:
    from django.contrib.auth.hashers import make_password

    return User(email=email, name=name[:150], password=make_password(None), **fields)


def door_mirror_apply(*, kit: dict) -> int:
    """Apply a door kit from the main server (full or incremental, in the serializer shape of
    DoorKitSerializer) to this node's database: the event, and every ticket it lists. An
    admission made upstream marks the ticket admitted here too (so a second person is
    refused); an admission made here is never undone by the mirror (it is on its way up).
    Returns the number of tickets applied."""
    from bookings.models import Booking, BookingStatus
    from events.models import EventStatus
    from users.models import Role

    data = kit["event"]
    event_fields = {
        name: data[name]
        for name in (
            "title",
            "venue",
            "timezone",
            "starts_at",
            "ends_at",
            "checkin_opens_at",
            "capacity",
            "allow_reentry",
        )
    }
    event_fields["status"] = data["status"] if data["status"] in EventStatus.values else "draft"

    def apply() -> int:
        organizer_email = f"organizer-{data['id']}@{_PLACEHOLDER_DOMAIN}"
        organizer = User.objects.filter(email=organizer_email).first()
        if organizer is None:
            organizer = _placeholder(organizer_email, "Organizer", role=Role.ORGANIZER)
            organizer.save()
        event = Event.objects.select_for_update().filter(id=data["id"]).first()
        if event is None:
            # Capacity and counters are set from the tickets below (never oversold here).
            event = Event(id=data["id"], organizer=organizer, **event_fields)
            event.capacity = max(event.capacity, len(kit["tickets"]), 1)
            event.save()
        else:
            for name, value in event_fields.items():
                setattr(event, name, value)

        rows = {row["id"]: row for row in kit["tickets"]}
        known = dict(Ticket.objects.filter(id__in=rows).values_list("id", "checked_in_at"))
        new = [row for ticket_id, row in rows.items() if ticket_id not in known]
        holders = [
            _placeholder(f"holder-{row['booking']}@{_PLACEHOLDER_DOMAIN}", row["holder_name"])
            for row in new
        ]
        existing_holders = set(
            User.objects.filter(email__in=[h.email for h in holders]).values_list(
                "email", flat=True
            )
        )
        User.objects.bulk_create(
            {h.email: h for h in holders if h.email not in existing_holders}.values()
        )
        holder_ids = dict(
            User.objects.filter(email__in=[h.email for h in holders]).values_list("email", "id")
        )
        existing_bookings = set(
            Booking.objects.filter(id__in=[row["booking"] for row in new]).values_list(
                "id", flat=True
            )
        )
        bookings = {}
        for row in new:
            if row["booking"] in existing_bookings or row["booking"] in bookings:
                continue
            bookings[row["booking"]] = Booking(
                id=row["booking"],
                user_id=holder_ids[f"holder-{row['booking']}@{_PLACEHOLDER_DOMAIN}"],
                event_id=event.id,
                quantity=1,
                unit_price=0,
                total_amount=0,
                currency="EUR",
                status=BookingStatus.CONFIRMED,
            )
        Booking.objects.bulk_create(bookings.values())
        now = timezone.now()
        Ticket.objects.bulk_create(
            Ticket(
                id=row["id"],
                booking_id=row["booking"],
                event_id=event.id,
                status=row["status"],
                key_id=0,
                backup_code=row["backup_code"],
                checked_in_at=row["checked_in_at"],
                checked_in_gate=row["checked_in_gate"],
                inside=bool(row["checked_in_at"]) and row["inside"],
                entry_gate=row["checked_in_gate"],
                changed_at=now,
            )
            for row in new
        )
        for ticket_id, row in rows.items():
            if ticket_id not in known:
                continue
            Ticket.objects.filter(id=ticket_id).exclude(status=row["status"]).update(
                status=row["status"], changed_at=now
            )
            if row["checked_in_at"] and known[ticket_id] is None:
                # Admitted upstream meanwhile: refused here from now on.
                Ticket.objects.filter(id=ticket_id, checked_in_at__isnull=True).update(
                    checked_in_at=row["checked_in_at"],
                    checked_in_gate=row["checked_in_gate"],
                    inside=row["inside"],
                    entry_gate=row["checked_in_gate"],
                    changed_at=now,
                )
        # The counters from the tickets, under the event's lock (scans here take it last).
        tickets = Ticket.objects.filter(event_id=event.id)
        event.tickets_sold = tickets.filter(status=TicketStatus.VALID).count()
        event.capacity = max(event_fields["capacity"], event.tickets_sold, 1)
        event.checked_in_count = tickets.filter(
            status=TicketStatus.VALID, checked_in_at__isnull=False
        ).count()
        event.inside_count = tickets.filter(inside=True).count()
        event.save()
        return len(rows)

    return atomic_with_retry(apply)


def door_push_record(*, results: list[dict], pushed: list[Scan]) -> list[Scan]:
    """Record the main server's answer to a push of this node's scans (`results` of sync, by
    client_scan_id = the local scan id). Returns the scans upstream found in conflict: an
    admission here of a ticket admitted there meanwhile."""
    now = timezone.now()
    by_id = {str(scan.id): scan for scan in pushed}
    conflicts = []
    for result in results:
        scan = by_id.get(result["client_scan_id"])
        if scan is None:
            continue
        outcome = result["outcome"]
        if result.get("reason"):
            outcome = f"{outcome}:{result['reason']}"
        Scan.objects.filter(id=scan.id).update(pushed_at=now, upstream_outcome=outcome)
        scan.upstream_outcome = outcome
        if result["outcome"] == SyncOutcome.OFFLINE_CONFLICT:
            conflicts.append(scan)
    return conflicts
