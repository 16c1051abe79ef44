"""The hoarding cap under real concurrency (MariaDB, one connection per thread): bookings
awaiting a manual payment racing for the last held seats never pass the event's cap, and the
counter stays the sum of the holds while holds end at the same time."""

from collections import Counter
from decimal import Decimal

import pytest
from django.db.models import Sum

from bookings.models import Booking
from bookings.services import booking_create
from common.tests.concurrency import race
from conftest import client_for
from events.models import Event
from events.tests.factories import EventFactory
from users.tests.factories import UserFactory

pytestmark = [pytest.mark.mysql, pytest.mark.django_db(transaction=True)]


def _manual_event(**overrides) -> Event:
    return EventFactory(
        price=Decimal("25.00"),
        payment_methods=["manual"],
        payment_instructions="IBAN",
        **overrides,
    )


def _held(event: Event) -> int:
    event.refresh_from_db()
    awaiting = Booking.objects.filter(
        event=event, status="pending_payment", payment_method="manual"
    ).aggregate(n=Sum("quantity"))["n"]
    assert event.manual_held == (awaiting or 0)
    assert event.manual_held <= event.manual_hold_cap
    return event.manual_held


def test_threads_booking_at_once_never_pass_the_cap(settings):
    settings.QE_MANUAL_HOLDS_PER_ADDRESS = 1000
    event = _manual_event(capacity=200, manual_hold_limit=10, max_per_booking=3)
    users = [UserFactory() for _ in range(30)]

    def book(user, quantity):
        def call():
            try:
                booking_create(
                    user=user, event_id=event.id, quantity=quantity, payment_method="manual"
                )
            except Exception as error:  # the refusal's code is what is counted
                return getattr(error, "code", repr(error))
            return "booked"

        return call

    outcomes = Counter(race([book(user, 1 + n % 3) for n, user in enumerate(users)]))
    assert set(outcomes) <= {"booked", "manual_holds_full"}, outcomes
    assert outcomes["manual_holds_full"] > 0
    assert _held(event) >= 10 - 2  # only a request bigger than the rest leaves seats


def test_api_bookings_racing_for_the_last_held_seats(settings):
    settings.QE_MANUAL_HOLDS_PER_ADDRESS = 1000
    event = _manual_event(capacity=40)  # 25%: 10 seats
    clients = [client_for(UserFactory()) for _ in range(24)]
    responses = race(
        [
            lambda c=c: c.post(
                "/api/book-ticket/",
                {"event": event.id, "quantity": 1, "payment_method": "manual"},
                format="json",
            )
            for c in clients
        ]
    )
    statuses = Counter(r.status_code for r in responses)
    assert statuses == {201: 10, 409: 14}, statuses
    assert {r.json()["code"] for r in responses if r.status_code == 409} == {"manual_holds_full"}
    assert _held(event) == 10


def test_holds_ending_while_others_book_keep_the_counter_true(settings):
    settings.QE_MANUAL_HOLDS_PER_ADDRESS = 1000
    event = _manual_event(capacity=100, manual_hold_limit=12)
    holders = [UserFactory() for _ in range(6)]
    held = [
        booking_create(user=user, event_id=event.id, quantity=2, payment_method="manual")[0]
        for user in holders
    ]
    organizer = client_for(event.organizer)
    ends = [lambda b=b: organizer.post(f"/api/bookings/{b.id}/release-hold/") for b in held[:3]] + [
        lambda b=b: organizer.post(f"/api/bookings/{b.id}/mark-paid/") for b in held[3:]
    ]
    newcomers = [
        lambda c=client_for(UserFactory()): c.post(
            "/api/book-ticket/",
            {"event": event.id, "quantity": 2, "payment_method": "manual"},
            format="json",
        )
        for _ in range(10)
    ]
    race(ends + newcomers)
    assert _held(event) <= 12
