"""Demo activity, so a newcomer sees analytics at work: an event that is over, with tickets
sold (two types), check-ins and no-shows, and a live one with arrivals at several gates over
the last hours. Made through the real services at the moments they would have happened
(the clock is set back for each step), by demo guests who have no printed login.

Idempotent: the guests' bookings replay by Idempotency-Key; an event already played is only
moved in time with its event (seed_demo re-dates the events on every run)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from unittest import mock

from django.db.models import F

from attendance.models import Scan
from attendance.services import ticket_scan
from bookings.models import Booking, BookingStatus, Ticket
from bookings.services import booking_create, booking_mark_paid
from bookings.ticket_codes import ticket_code_for
from events.models import Event, PaymentMethod, TicketType
from users.models import Role, User

GUEST_EMAIL = "guest{:02d}@demo.qr-entry.test"
MINUTE = timedelta(minutes=1)

# (event title, guests, gates, share of tickets admitted): a finished and a live event.
ENDED = "Winter Market (ended)"
LIVE = "Neon Nights: Live Now"
PLAYS = {
    ENDED: {"guests": range(1, 25), "gates": ["Main gate", "Side gate"], "admit": 0.7},
    LIVE: {"guests": range(25, 43), "gates": ["North", "South", "VIP"], "admit": 0.75},
}


@contextmanager
def _clock(moment: datetime) -> Iterator[None]:
    """The services run as if it were `moment` (they read django.utils.timezone.now)."""
    with mock.patch("django.utils.timezone.now", return_value=moment):
        yield


def _guest(number: int, password: str) -> User:
    email = GUEST_EMAIL.format(number)
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(
            email, password, name=f"Demo Guest {number}", role=Role.ATTENDEE, email_verified=True
        )
    return user


def _book(guest: User, event: Event, number: int, at: datetime) -> Booking:
    """1 to 3 tickets; on a two-type event every fourth guest takes the priced type, paid."""
    types = list(TicketType.objects.filter(event=event).order_by("position", "id"))
    chosen = types[-1] if len(types) > 1 and number % 4 == 0 else types[0]
    paid = chosen.price > 0
    with _clock(at):
        booking, _ = booking_create(
            user=guest,
            event_id=event.id,
            items=[(chosen.id, 1 + number % 3)],
            payment_method=PaymentMethod.MANUAL if paid else None,
            idempotency_key=f"demo:{event.title}:{number}",
        )
        if booking.status == BookingStatus.PENDING_PAYMENT:
            booking = booking_mark_paid(booking=booking)
    return booking


def _admit(event: Event, tickets: list[Ticket], gates: list[str], until: datetime) -> None:
    """Spread the admissions from the opening of the doors to `until`, gate by gate."""
    span = until - event.checkin_opens_at
    for index, ticket in enumerate(tickets):
        at = event.checkin_opens_at + span * (index + 1) / (len(tickets) + 1)
        code = ticket_code_for(event_id=event.id, ticket_id=ticket.id, key_id=ticket.key_id)
        with _clock(at.replace(microsecond=0)):
            ticket_scan(
                scanner=event.organizer, event=event, code=code, gate=gates[index % len(gates)]
            )


def _play(event: Event, play: dict, password: str, now: datetime) -> list[int]:
    booked_at = event.starts_at - timedelta(days=3)
    booked = [
        _book(_guest(number, password), event, number, booked_at + step * 97 * MINUTE).id
        for step, number in enumerate(play["guests"])
    ]
    tickets = list(
        Ticket.objects.filter(event=event, booking__user__email__startswith="guest").order_by("id")
    )
    admitted = tickets[: int(len(tickets) * play["admit"])]
    _admit(event, admitted, play["gates"], min(event.ends_at, now) - 5 * MINUTE)
    return booked


def _move(event: Event, delta: timedelta) -> None:
    """An event played on an earlier run, re-dated by `delta`: its activity moves with it."""
    Booking.objects.filter(event=event).update(created_at=F("created_at") + delta)
    Ticket.objects.filter(event=event, checked_in_at__isnull=False).update(
        checked_in_at=F("checked_in_at") + delta
    )
    Scan.objects.filter(event=event).update(scanned_at=F("scanned_at") + delta)


def demo_activity(
    events: dict[str, Event], *, before: dict[str, datetime], password: str, now: datetime
) -> list[int]:
    """Play each event of PLAYS once (the bookings made are returned); on later runs move
    what was played with the event."""
    booked: list[int] = []
    for title, play in PLAYS.items():
        event = events[title]
        played = Booking.objects.filter(event=event, user__email__startswith="guest").exists()
        if not played:
            booked += _play(event, play, password, now)
        elif title in before and before[title] != event.starts_at:
            _move(event, event.starts_at - before[title])
    return booked
