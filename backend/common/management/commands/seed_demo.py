"""Demo data so every screen has something to show. Idempotent: run it on every start; event
times are re-based on "now" so "live now" is always live."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from bookings.notifications import CONFIRMATION
from bookings.services import booking_create
from common.models import OutboxMessage, OutboxState
from events.models import CHECKIN_OPENS_BEFORE_START, Event, EventStaff, EventStatus
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


def _demo_events(now) -> list[dict]:
    hour = timedelta(hours=1)
    return [
        dict(
            title="Neon Nights: Live Now",
            venue="Warehouse 9",
            venue_address="Revaler Str. 99, 10245 Berlin, Germany",
            timezone="Europe/Berlin",
            category="music",
            starts_at=now - hour,
            ends_at=now + 3 * hour,
            capacity=300,
            price=Decimal("25.00"),
            description="Doors are open: an electronic night across two floors.",
            staffed=True,
        ),
        dict(
            title="Sunset Jazz on the Terrace",
            venue="Rooftop Bar",
            venue_address="Rua da Boavista 84, 1200-066 Lisbon, Portugal",
            timezone="Europe/Lisbon",
            category="music",
            starts_at=now + 3 * hour,
            ends_at=now + 6 * hour,
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
            starts_at=now + timedelta(days=30),
            ends_at=now + timedelta(days=31),
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
            starts_at=now + timedelta(days=7),
            ends_at=now + timedelta(days=7, hours=2),
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
            starts_at=now - timedelta(days=2),
            ends_at=now - timedelta(days=1),
            capacity=800,
            price=Decimal("0.00"),
            description="Mulled wine and crafts. See you next year.",
        ),
        dict(
            title="Spring Gala (draft)",
            venue="Grand Hotel",
            venue_address="Kärntner Ring 9, 1010 Vienna, Austria",
            timezone="Europe/Vienna",
            category="community",
            starts_at=now + timedelta(days=120),
            ends_at=now + timedelta(days=120, hours=5),
            capacity=200,
            price=Decimal("95.00"),
            description="Not announced yet.",
            status=EventStatus.DRAFT,
        ),
    ]


class Command(BaseCommand):
    help = "Create or refresh the demo users and events."

    @transaction.atomic
    def handle(self, *args, **options) -> None:
        users = {}
        for email, name, role in DEMO_USERS:
            user = User.objects.filter(email=email).first()
            if user is None:
                # Demo addresses cannot receive mail: they count as verified.
                user = User.objects.create_user(
                    email, DEMO_PASSWORD, name=name, role=role, email_verified=True
                )
            users[email] = user
        organizer = users["organizer@demo.qr-entry.test"]
        staff = users["staff@demo.qr-entry.test"]

        now = timezone.now().replace(second=0, microsecond=0)
        events = {}
        for spec in _demo_events(now):
            staffed = spec.pop("staffed", False)
            spec.setdefault("status", EventStatus.PUBLISHED)
            spec["checkin_opens_at"] = spec["starts_at"] - CHECKIN_OPENS_BEFORE_START
            event, _ = Event.objects.update_or_create(
                organizer=organizer, title=spec.pop("title"), defaults=spec
            )
            events[event.title] = event
            if staffed:
                EventStaff.objects.get_or_create(
                    event=event,
                    email=staff.email,
                    defaults={"user": staff, "accepted_at": timezone.now()},
                )

        # Real bookings through the booking service; the Idempotency-Key makes re-runs replay.
        booked = [
            booking_create(
                user=users[email],
                event_id=events[title].id,
                quantity=quantity,
                idempotency_key=f"demo:{title}",
            )[0].id
            for email, title, quantity in DEMO_BOOKINGS
        ]
        # Nobody reads the demo inboxes: their confirmations count as sent.
        OutboxMessage.objects.filter(
            topic=CONFIRMATION, payload__booking__in=booked, state=OutboxState.PENDING
        ).update(state=OutboxState.DONE, done_at=timezone.now())

        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        for email, _name, role in DEMO_USERS:
            label = "door staff" if email.startswith("staff@") else role
            self.stdout.write(f"  {label:<10} {email}")
