"""The door node's writes: a venue laptop mirroring one event from the main server.

It keeps the main server's ids (event, bookings, tickets), so a code verifies and names the
same ticket here and upstream. Holders and the organizer exist here as placeholder accounts
that cannot sign in (no personal data beyond the name the door kit carries). Scans are made
by the attendance app as on the main server; this app mirrors the event and pushes them."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from attendance.models import Scan
from attendance.services import SyncOutcome
from bookings.models import Booking, BookingStatus, Ticket, TicketStatus
from common.db import atomic_with_retry
from events.models import Event, EventStaff, EventStatus
from users.auth_cache import auth_cache_forget
from users.models import Role, User

from .mirror_lists import door_lists_mirror

_PLACEHOLDER_DOMAIN = "door-node.invalid"
_MIRRORED_EVENT_FIELDS = (
    "title",
    "venue",
    "timezone",
    "starts_at",
    "ends_at",
    "checkin_opens_at",
    "capacity",
    "allow_reentry",
)


def door_account_ensure(*, event_id: int, email: str, password: str) -> User:
    """The door staff account of this node: the upstream one's e-mail and password, so the
    people at the door sign in here as they would upstream; door staff of the mirrored event."""
    email = email.strip().lower()
    user, _ = User.objects.update_or_create(
        email=email, defaults={"password": make_password(password), "is_active": True}
    )
    if not user.name:
        User.objects.filter(id=user.id).update(name=email.split("@")[0])
        auth_cache_forget(user.id)
    EventStaff.objects.update_or_create(
        event_id=event_id,
        email=email,
        defaults={"user": user, "accepted_at": timezone.now()},
    )
    return user


def _placeholder(email: str, name: str, **fields: Any) -> User:
    return User(email=email, name=name[:150], password=make_password(None), **fields)


def _holder_email(booking_id: int) -> str:
    return f"holder-{booking_id}@{_PLACEHOLDER_DOMAIN}"


def _mirror_event(data: dict, ticket_count: int) -> tuple[Event, dict]:
    """The event row, created or updated from the kit (locked until the transaction ends)."""
    fields = {name: data[name] for name in _MIRRORED_EVENT_FIELDS}
    fields["status"] = data["status"] if data["status"] in EventStatus.values else "draft"
    organizer_email = f"organizer-{data['id']}@{_PLACEHOLDER_DOMAIN}"
    organizer = User.objects.filter(email=organizer_email).first()
    if organizer is None:
        organizer = _placeholder(organizer_email, "Organizer", role=Role.ORGANIZER)
        organizer.save()
    event = Event.objects.select_for_update().filter(id=data["id"]).first()
    if event is None:
        # Capacity and counters are set from the tickets afterwards (never oversold here).
        event = Event(id=data["id"], organizer=organizer, **fields)
        event.capacity = max(event.capacity, ticket_count, 1)
        event.save()
    else:
        for name, value in fields.items():
            setattr(event, name, value)
    return event, fields


def _mirror_holders_and_bookings(event: Event, new: list[dict]) -> None:
    """A placeholder holder and booking for each new ticket's booking."""
    emails = {_holder_email(row["booking"]): row["holder_name"] for row in new}
    existing = set(User.objects.filter(email__in=emails).values_list("email", flat=True))
    User.objects.bulk_create(
        _placeholder(email, name) for email, name in emails.items() if email not in existing
    )
    holder_ids = dict(User.objects.filter(email__in=emails).values_list("email", "id"))
    booking_ids = {row["booking"] for row in new}
    known = set(Booking.objects.filter(id__in=booking_ids).values_list("id", flat=True))
    Booking.objects.bulk_create(
        Booking(
            id=booking_id,
            user_id=holder_ids[_holder_email(booking_id)],
            event_id=event.id,
            quantity=1,
            unit_price=0,
            total_amount=0,
            currency="EUR",
            status=BookingStatus.CONFIRMED,
        )
        for booking_id in sorted(booking_ids - known)
    )


def _mirror_new_tickets(event: Event, new: list[dict], now: datetime) -> None:
    Ticket.objects.bulk_create(
        Ticket(
            id=row["id"],
            booking_id=row["booking"],
            event_id=event.id,
            status=row["status"],
            attendee_name=row.get("attendee_name") or row["holder_name"],
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


def _mirror_known_tickets(rows: dict[int, dict], known: dict, now: datetime) -> None:
    """Status changes upstream apply here; an admission made upstream marks the ticket
    admitted here too (a second person is refused); one made here is never undone (it is on
    its way up)."""
    for ticket_id, row in rows.items():
        if ticket_id not in known:
            continue
        Ticket.objects.filter(id=ticket_id).exclude(status=row["status"]).update(
            status=row["status"], changed_at=now
        )
        if row["checked_in_at"] and known[ticket_id] is None:
            Ticket.objects.filter(id=ticket_id, checked_in_at__isnull=True).update(
                checked_in_at=row["checked_in_at"],
                checked_in_gate=row["checked_in_gate"],
                inside=row["inside"],
                entry_gate=row["checked_in_gate"],
                changed_at=now,
            )


def _mirror_revoked(event: Event, revoked: list[dict]) -> None:
    """The codes of tickets transferred away (their rows came as `revoked` in the tickets):
    what this node's own door kits list for its scanners, which it cannot recompute (it
    holds no signing key)."""
    for row in revoked:
        Ticket.objects.filter(event_id=event.id, backup_code=row["backup_code"]).update(
            status=TicketStatus.REVOKED,
            revoked_code_sha256=row["code_sha256"],
            revoked_at=row["revoked_at"],
        )


def _recount(event: Event, capacity: int) -> None:
    """The counters from the tickets, under the event's lock (scans here take it last)."""
    tickets = Ticket.objects.filter(event_id=event.id)
    event.tickets_sold = tickets.filter(status=TicketStatus.VALID).count()
    event.capacity = max(capacity, event.tickets_sold, 1)
    event.checked_in_count = tickets.filter(
        status=TicketStatus.VALID, checked_in_at__isnull=False
    ).count()
    event.inside_count = tickets.filter(inside=True).count()
    event.save()


def door_mirror_apply(*, kit: dict) -> int:
    """Apply a door kit from the main server (full or incremental, in the serializer shape of
    DoorKitSerializer) to this node's database: the event, and every ticket it lists.
    Returns the number of tickets applied."""

    def apply() -> int:
        rows = {row["id"]: row for row in kit["tickets"]}
        event, fields = _mirror_event(kit["event"], len(rows))
        known = dict(Ticket.objects.filter(id__in=rows).values_list("id", "checked_in_at"))
        new = [row for ticket_id, row in rows.items() if ticket_id not in known]
        now = timezone.now()
        _mirror_holders_and_bookings(event, new)
        _mirror_new_tickets(event, new, now)
        _mirror_known_tickets(rows, known, now)
        _mirror_revoked(event, kit.get("revoked", []))
        door_lists_mirror(event=event, kit=kit, now=now)
        _recount(event, fields["capacity"])
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
