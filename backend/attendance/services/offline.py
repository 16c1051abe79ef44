"""Scans a device made offline, uploaded when it can (`POST /api/attendance/sync/`): each is
decided by the same decider as an online scan (decide.py), at the time the device saw it, and
recorded once: an upload repeated (the device never saw the answer) finds its scans by
(uploader, device, client_scan_id) and answers what it answered the first time; the
database's unique constraint decides between two uploads of one scan racing each other.

Offline scans are taken in one transaction per chunk: one commit (one log flush) for many
scans instead of one each, the event's counters moved once at the chunk's end (its row locked
last and briefly, as everywhere), each scan in a savepoint of its own."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from bookings.models import Ticket
from common.db import atomic_with_retry
from events.models import Event
from users.models import User

from ..broadcast import broadcast_scan
from ..models import RejectReason, Scan, ScanMethod, ScanResult
from ..selectors import attendance_counters
from .decide import Door, decide, event_counters_move, target_of_code, target_of_ticket
from .door import ScanOutcome, checkin_list_at_door, scan_outcome
from .door_read import DOOR_FIELDS, ListAtDoor, TicketAtDoor

SYNC_CHUNK = 100


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
    # The check-in list it was scanned on (None: Entry).
    checkin_list: int | None = None


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


@dataclass
class _Tally:
    checked_in: int = 0
    inside: int = 0
    # The lists the upload names, resolved once: {list id: list}.
    lists: dict[int, ListAtDoor] = field(default_factory=dict)


def _sync_one(
    *, scanner: User, event: Event, device_id: str, item: OfflineScan, now: datetime, tally: _Tally
) -> Scan:
    """Record one offline scan, in the chunk's transaction: the ticket admitted now if nobody
    was before (at the time the device saw it), else the conflict, the double tap or the
    refusal, logged."""
    door = Door(
        event=event,
        scanner=scanner,
        gate=item.gate,
        at=min(item.scanned_at, now),  # a device clock ahead of ours: never in the future
        device_id=device_id,
        client_scan_id=item.client_scan_id,
        synced_at=now,
        checkin_list=None if item.checkin_list is None else tally.lists[item.checkin_list],
        device_at=item.scanned_at,
    )
    if item.ticket is not None:
        target = target_of_ticket(
            event=event, ticket_id=item.ticket, method=item.method or ScanMethod.MANUAL
        )
    else:
        target = target_of_code(event=event, code=item.code or "")
    decision = decide(door, target, item.direction)
    tally.checked_in += decision.checked_in
    tally.inside += decision.inside
    return decision.scan


def _sync_chunk(
    *,
    scanner: User,
    event: Event,
    device_id: str,
    items: list[OfflineScan],
    known: dict[str, Scan],
    now: datetime,
    lists: dict[int, ListAtDoor],
) -> list[Scan]:
    """One transaction for a chunk of new offline scans; the new conflicts it logged."""

    def work() -> tuple[dict[str, Scan], list[Scan]]:
        tally, taken, conflicts = _Tally(lists=lists), {}, []
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
                    event=event,
                    scanner=scanner,
                    device_id=device_id,
                    client_scan_id=item.client_scan_id,
                )
            else:
                if scan.reason == RejectReason.OFFLINE_CONFLICT:
                    conflicts.append(scan)
            taken[item.client_scan_id] = scan
        event_counters_move(event.id, checked_in=tally.checked_in, inside=tally.inside)
        return taken, conflicts

    taken, conflicts = atomic_with_retry(work)
    known.update(taken)
    return conflicts


def scans_sync(
    *, scanner: User, event: Event, device_id: str, scans: list[OfflineScan]
) -> SyncReport:
    """Take in the scans a device made offline, in its order, each once. A list that is not
    the event's is bad input, and nothing is taken."""
    lists = {}
    for list_id in {item.checkin_list for item in scans} - {None}:
        lists[list_id] = checkin_list_at_door(event=event, list_id=list_id)
    now = timezone.now()
    ids = [item.client_scan_id for item in scans]
    known = {
        scan.client_scan_id: scan
        for scan in Scan.objects.filter(
            event=event, scanner=scanner, device_id=device_id, client_scan_id__in=ids
        )
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
            lists=lists,
        )
    for scan in conflicts:
        # Two people in on one ticket: every live view shows it at once.
        scan_outcome(event=event, scan=scan, ticket_id=scan.ticket_id)
    report = SyncReport(event=event, device_id=device_id)
    report.results = [
        SyncedScan(client_scan_id=item.client_scan_id, scan=known[item.client_scan_id])
        for item in scans
    ]
    _attach_tickets(report)
    event.refresh_from_db(
        fields=["checked_in_count", "tickets_sold", "inside_count", "waiting_held"]
    )
    report.counters = attendance_counters(event=event)
    if report.results:
        _push_counters(event, report)
    return report


def _push_counters(event: Event, report: SyncReport) -> None:
    """One push with the counters after the batch (not one per scan of a long upload)."""
    broadcast_scan(
        ScanOutcome(
            scan=report.results[-1].scan,
            ticket=None,
            counters=report.counters,
            checkin_opens_at=event.checkin_opens_at,
        )
    )


def _attach_tickets(report: SyncReport) -> None:
    ids = {result.scan.ticket_id for result in report.results if result.scan.ticket_id}
    rows = Ticket.objects.filter(id__in=ids, event_id=report.event.id).values(*DOOR_FIELDS.values())
    tickets = {
        row["id"]: TicketAtDoor(**{name: row[column] for name, column in DOOR_FIELDS.items()})
        for row in rows
    }
    for result in report.results:
        result.ticket = tickets.get(result.scan.ticket_id)
