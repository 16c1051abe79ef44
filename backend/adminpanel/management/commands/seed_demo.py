"""Demo data so every screen has something to show. Idempotent: run it on every start; event
times are re-based on "now" so "live now" is always live."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from adminpanel.demo_activity import demo_activity
from bookings.models import BookingStatus
from bookings.notifications import CONFIRMATION, PAYMENT_DUE
from bookings.services import booking_create, booking_mark_paid
from common.models import OutboxMessage, OutboxState
from events.models import (
    CHECKIN_OPENS_BEFORE_START,
    ENTRY_LIST_NAME,
    GENERAL_ADMISSION,
    CheckinList,
    Event,
    EventStaff,
    EventStatus,
    PaymentMethod,
    TicketType,
)
from users.models import Role, User

DEMO_PASSWORD = "qrentry-demo"
DEMO_USERS = [
    ("organizer@demo.qr-entry.test", "Olivia Organizer", Role.ORGANIZER),
    ("staff@demo.qr-entry.test", "Sam Doorstaff", Role.ATTENDEE),
    ("alice@demo.qr-entry.test", "Alice Attendee", Role.ATTENDEE),
    ("bob@demo.qr-entry.test", "Bob Attendee", Role.ATTENDEE),
]

DEMO_BOOKINGS = [
    ("alice@demo.qr-entry.test", "Neon Nights: Live Now", 2),
    ("bob@demo.qr-entry.test", "Neon Nights: Live Now", 1),
    ("bob@demo.qr-entry.test", "Sunset Jazz on the Terrace", 2),
    ("alice@demo.qr-entry.test", "Acoustic Session (sold out)", 3),
    ("bob@demo.qr-entry.test", "Acoustic Session (sold out)", 3),
]
# Left unpaid on purpose: the organizer sees a pending manual payment to mark paid.
PAID_EVENT = "Harbour Lights Festival"
PENDING_BOOKING = ("alice@demo.qr-entry.test", PAID_EVENT, {"Standing": 2, "Seated": 1})
PAID_EVENT_TYPES = [
    dict(
        name="Standing",
        price=Decimal("35.00"),
        quota=200,
        position=0,
        description="The field in front of the stage.",
    ),
    dict(
        name="Seated",
        price=Decimal("60.00"),
        quota=80,
        position=1,
        description="A numbered seat on the grandstand.",
    ),
]
# The finished event sells two types: general admission free, a table for the VIPs.
ENDED_EVENT_TYPES = [
    dict(name=GENERAL_ADMISSION, price=Decimal("0.00"), position=0),
    dict(
        name="VIP table",
        price=Decimal("25.00"),
        quota=40,
        position=1,
        description="A heated table by the stage, a mug of mulled wine included.",
    ),
]
PAYMENT_INSTRUCTIONS = (
    "Bank transfer to QR-Entry Demo Events, IBAN DE02 1203 0000 0000 2020 51, "
    "reference: your booking number. Or pay cash at the box office."
)


HOUR = timedelta(hours=1)
# The demo events, their times as offsets from "now" (re-dated on every run).
DEMO_EVENTS = [
    dict(
        title="Neon Nights: Live Now",
        venue="Warehouse 9",
        venue_address="Revaler Str. 99, 10245 Berlin, Germany",
        timezone="Europe/Berlin",
        category="music",
        starts_at=-HOUR,
        ends_at=3 * HOUR,
        capacity=300,
        # Free: a paid booking's hold never passes the start, and this one has started.
        price=Decimal("0.00"),
        description="Doors are open: an electronic night across two floors, free entry.",
        staffed=True,
    ),
    dict(
        title="Sunset Jazz on the Terrace",
        venue="Rooftop Bar",
        venue_address="Rua da Boavista 84, 1200-066 Lisbon, Portugal",
        timezone="Europe/Lisbon",
        category="music",
        starts_at=3 * HOUR,
        ends_at=6 * HOUR,
        capacity=120,
        price=Decimal("18.50"),
        description="A quartet, the river and the evening light.",
        staffed=True,
    ),
    dict(
        title="Open Source Summit",
        venue="Congress Center",
        venue_address="Europaplein 24, 1078 GZ Amsterdam, Netherlands",
        timezone="Europe/Amsterdam",
        category="tech",
        starts_at=timedelta(days=30),
        ends_at=timedelta(days=31),
        capacity=500,
        price=Decimal("120.00"),
        description="Two tracks of talks and a hallway track.",
    ),
    dict(
        title="Acoustic Session (sold out)",
        venue="Small Hall",
        venue_address="Bösendorferstraße 12, 1010 Vienna, Austria",
        timezone="Europe/Vienna",
        category="music",
        starts_at=timedelta(days=7),
        ends_at=timedelta(days=7, hours=2),
        capacity=6,
        max_per_booking=3,
        price=Decimal("30.00"),
        description="Unplugged, in a living room, for six people.",
    ),
    dict(
        title="Winter Market (ended)",
        venue="Old Town Square",
        venue_address="Staroměstské náměstí, 110 00 Prague, Czechia",
        timezone="Europe/Prague",
        category="food",
        starts_at=-timedelta(days=2),
        ends_at=-timedelta(days=1),
        capacity=800,
        price=Decimal("0.00"),
        description="Mulled wine and crafts. See you next year.",
        types=ENDED_EVENT_TYPES,
    ),
    dict(
        title=PAID_EVENT,
        venue="Harbour Front",
        venue_address="Große Elbstraße 10, 22767 Hamburg, Germany",
        timezone="Europe/Berlin",
        category="music",
        starts_at=timedelta(days=14),
        ends_at=timedelta(days=14, hours=6),
        capacity=250,
        price=Decimal("35.00"),
        description="Two stages by the water. Standing or seated: pay by bank transfer.",
        types=PAID_EVENT_TYPES,
    ),
    dict(
        title="Spring Gala (draft)",
        venue="Grand Hotel",
        venue_address="Kärntner Ring 9, 1010 Vienna, Austria",
        timezone="Europe/Vienna",
        category="community",
        starts_at=timedelta(days=120),
        ends_at=timedelta(days=120, hours=5),
        capacity=200,
        price=Decimal("95.00"),
        description="Not announced yet.",
        status=EventStatus.DRAFT,
    ),
]


def _demo_users() -> dict[str, User]:
    users = {}
    for email, name, role in DEMO_USERS:
        user = User.objects.filter(email=email).first()
        if user is None:
            # Demo addresses cannot receive mail: they count as verified.
            user = User.objects.create_user(
                email, DEMO_PASSWORD, name=name, role=role, email_verified=True
            )
        users[email] = user
    return users


def _demo_event(spec: dict, *, now, organizer: User, staff: User) -> Event:
    """One demo event, re-dated around `now`, with its ticket types and door staff."""
    spec = dict(spec)
    staffed = spec.pop("staffed", False)
    types = spec.pop("types", None) or [{"name": GENERAL_ADMISSION}]
    spec["starts_at"] = now + spec["starts_at"]
    spec["ends_at"] = now + spec["ends_at"]
    spec.setdefault("status", EventStatus.PUBLISHED)
    spec["checkin_opens_at"] = spec["starts_at"] - CHECKIN_OPENS_BEFORE_START
    if any(type_spec.get("price", spec["price"]) > 0 for type_spec in types):
        spec["payment_methods"] = [PaymentMethod.MANUAL.value]
        spec["payment_instructions"] = PAYMENT_INSTRUCTIONS
        if spec["title"] != PAID_EVENT:
            # The demo's bookings stand for transfers already received (marked paid at
            # once): these small events let every seat await one. The festival keeps the
            # default hoarding cap, for the organizer to see it.
            spec.setdefault("manual_hold_limit", spec["capacity"])
    event, _ = Event.objects.update_or_create(
        organizer=organizer, title=spec.pop("title"), defaults=spec
    )
    # Sold through ticket types: one at the event's price, or the event's own.
    for type_spec in types:
        type_spec = {"price": event.price, **type_spec}
        TicketType.objects.update_or_create(
            event=event, name=type_spec.pop("name"), defaults=type_spec
        )
    CheckinList.objects.get_or_create(
        event=event, is_default=True, defaults={"name": ENTRY_LIST_NAME}
    )
    if staffed:
        EventStaff.objects.get_or_create(
            event=event, email=staff.email, defaults={"user": staff, "accepted_at": now}
        )
    return event


def _demo_bookings(users: dict[str, User], events: dict[str, Event]) -> list[int]:
    """Real bookings through the booking service; the Idempotency-Key makes re-runs replay.
    Paid as if the organizer had received the money, so the door has tickets to scan; one
    left unpaid for the organizer to mark."""
    booked = []
    for email, title, quantity in DEMO_BOOKINGS:
        booking = booking_create(
            user=users[email],
            event_id=events[title].id,
            quantity=quantity,
            idempotency_key=f"demo:{title}",
        )[0]
        if booking.status == BookingStatus.PENDING_PAYMENT:
            booking = booking_mark_paid(booking=booking)
        booked.append(booking.id)
    email, title, counts = PENDING_BOOKING
    types = dict(TicketType.objects.filter(event=events[title]).values_list("name", "id"))
    pending, _ = booking_create(
        user=users[email],
        event_id=events[title].id,
        items=[(types[name], count) for name, count in counts.items()],
        payment_method=PaymentMethod.MANUAL,
        idempotency_key=f"demo:{title}",
    )
    return [*booked, pending.id]


class Command(BaseCommand):
    help = "Create or refresh the demo users and events."

    def handle(self, *args, **options) -> None:
        # The demo accounts' password is public: never in production unless asked for.
        if not settings.QE_DEMO:
            raise CommandError(
                "No demo data in the production profile: its accounts' password is public. "
                "Set QE_DEMO=1 to load it anyway."
            )
        self._load()

    @transaction.atomic
    def _load(self) -> None:
        users = _demo_users()
        organizer = users["organizer@demo.qr-entry.test"]
        staff = users["staff@demo.qr-entry.test"]
        now = timezone.now().replace(second=0, microsecond=0)
        before = dict(Event.objects.filter(organizer=organizer).values_list("title", "starts_at"))
        events = {}
        for spec in DEMO_EVENTS:
            event = _demo_event(spec, now=now, organizer=organizer, staff=staff)
            events[event.title] = event
        booked = _demo_bookings(users, events)
        booked += demo_activity(events, before=before, password=DEMO_PASSWORD, now=now)
        # Nobody reads the demo inboxes: their e-mails count as sent.
        OutboxMessage.objects.filter(
            topic__in=[CONFIRMATION, PAYMENT_DUE],
            payload__booking__in=booked,
            state=OutboxState.PENDING,
        ).update(state=OutboxState.DONE, done_at=timezone.now())

        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        for email, _name, role in DEMO_USERS:
            label = "door staff" if email.startswith("staff@") else role
            self.stdout.write(f"  {label:<10} {email}")
