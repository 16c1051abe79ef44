"""Ticket types, payments and holds under real concurrency: threads with their own database
connections hitting MariaDB at once (SQLite would serialise them and prove nothing)."""

from collections import Counter
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db.models import Sum
from django.utils import timezone
from rest_framework.test import APIClient

from bookings.models import Booking, BookingItem, BookingStatus, Ticket, TicketStatus
from bookings.services import booking_create, booking_expire, booking_mark_paid
from bookings.tests.payment_helpers import deliver, stripe_event
from common.models import OutboxMessage
from common.tests.concurrency import race
from common.tests.localstripe import TEST_WEBHOOK_SECRET
from conftest import client_for
from events.models import Event, TicketType
from events.tests.factories import EventFactory
from users.tests.factories import UserFactory

pytestmark = [pytest.mark.mysql, pytest.mark.django_db(transaction=True)]

HOLDING = [BookingStatus.PENDING_PAYMENT, BookingStatus.CONFIRMED]


def assert_counters_true(event):
    """The counters equal what the bookings hold, and never pass capacity or quota."""
    event.refresh_from_db()
    held = Booking.objects.filter(event=event, status__in=HOLDING)
    assert event.tickets_sold == (held.aggregate(n=Sum("quantity"))["n"] or 0)
    assert event.tickets_sold <= event.capacity
    for ticket_type in TicketType.objects.filter(event=event):
        items = BookingItem.objects.filter(ticket_type=ticket_type, booking__in=held)
        assert ticket_type.sold == (items.aggregate(n=Sum("quantity"))["n"] or 0)
        if ticket_type.quota is not None:
            assert ticket_type.sold <= ticket_type.quota
    live = Ticket.objects.filter(event=event).exclude(status=TicketStatus.CANCELLED).count()
    assert live == event.tickets_sold
    return event.tickets_sold


def test_64_buyers_never_pass_a_types_quota_or_the_capacity(settings):
    # Seats, not hoarding: 64 buyers from one test address, every seat may await a transfer.
    settings.QE_MANUAL_HOLDS_PER_ADDRESS = 1000
    event = EventFactory(
        capacity=30,
        manual_hold_limit=30,
        payment_methods=["manual"],
        ticket_types=[
            {"name": "Front", "price": Decimal("40.00"), "quota": 20},
            {"name": "Back", "price": Decimal("20.00")},
        ],
    )
    front, back = event.ticket_types.order_by("id")
    clients = [client_for(UserFactory()) for _ in range(64)]

    def buy(client, ticket_type):
        return lambda: client.post(
            "/api/book-ticket/",
            {"event": event.id, "items": [{"ticket_type": ticket_type.id, "quantity": 1}]},
            format="json",
        )

    # Two of every three want the quota-limited type.
    responses = race(
        [buy(client, back if n % 3 == 2 else front) for n, client in enumerate(clients)]
    )
    statuses = Counter(r.status_code for r in responses)
    assert set(statuses) <= {201, 409}, statuses
    codes = {r.json()["code"] for r in responses if r.status_code == 409}
    assert codes <= {"sold_out", "ticket_type_sold_out", "capacity_exceeded"}
    assert assert_counters_true(event) == statuses[201] == 30
    front.refresh_from_db()
    back.refresh_from_db()
    # Which limit fills first is the race's to decide: 43 want Front (quota 20) and 21 want
    # Back, so Front ends between 9 and 20 sold, never more than its quota, and the two
    # types together are exactly the capacity.
    assert 9 <= front.sold <= 20
    assert front.sold + back.sold == 30
    if "ticket_type_sold_out" in codes:
        assert front.sold == 20  # a buyer was told Front was gone only once it was


def test_one_webhook_delivered_20_times_at_once_confirms_once(settings):
    settings.STRIPE_WEBHOOK_SECRET = TEST_WEBHOOK_SECRET
    event = EventFactory(price=Decimal("25.00"), payment_methods=["manual"])
    booking, _ = booking_create(user=UserFactory(), event_id=event.id, quantity=3)
    Booking.objects.filter(id=booking.id).update(payment_method="stripe")
    body = stripe_event(
        "payment_intent.succeeded",
        {
            "id": "pi_race",
            "amount": 7500,
            "currency": "eur",
            "metadata": {"booking": str(booking.id)},
        },
        event_id="evt_race",
    )
    clients = [APIClient() for _ in range(20)]
    responses = race([lambda c=c: deliver(c, body) for c in clients])
    assert {r.status_code for r in responses} == {200}
    outcomes = Counter(r.json()["received"] for r in responses)
    assert outcomes == {"processed": 1, "duplicate": 19}, outcomes
    booking.refresh_from_db()
    assert (booking.status, booking.payment_status) == ("confirmed", "paid")
    assert Ticket.objects.filter(booking=booking, status=TicketStatus.VALID).count() == 3
    confirmations = OutboxMessage.objects.filter(
        topic="bookings.confirmation_email", payload__booking=booking.id
    )
    assert confirmations.count() == 1
    assert assert_counters_true(event) == 3


def test_different_deliveries_of_one_payment_racing_confirm_once(settings):
    settings.STRIPE_WEBHOOK_SECRET = TEST_WEBHOOK_SECRET
    event = EventFactory(price=Decimal("25.00"), payment_methods=["manual"])
    booking, _ = booking_create(user=UserFactory(), event_id=event.id, quantity=2)
    Booking.objects.filter(id=booking.id).update(payment_method="stripe")
    intent = {
        "id": "pi_twice",
        "amount": 5000,
        "currency": "eur",
        "metadata": {"booking": str(booking.id)},
    }
    bodies = [
        stripe_event("payment_intent.succeeded", intent, event_id=f"evt_{n}") for n in range(10)
    ]
    responses = race([lambda b=b: deliver(APIClient(), b) for b in bodies])
    assert Counter(r.json()["received"] for r in responses) == {"processed": 10}
    assert Ticket.objects.filter(booking=booking, status=TicketStatus.VALID).count() == 2
    assert assert_counters_true(event) == 2


@pytest.mark.parametrize("round_", range(8))
def test_a_hold_ending_while_its_payment_arrives_never_oversells(round_):
    """The last seat: its hold ends (sweep), its payment arrives, and a new buyer wants it, all
    at once. Either the payer keeps it (confirmed and paid) or the new buyer gets it and the
    payment is to be refunded; never both."""
    event = EventFactory(capacity=1, price=Decimal("30.00"), payment_methods=["manual"])
    payer = UserFactory()
    booking, _ = booking_create(user=payer, event_id=event.id, quantity=1)
    Booking.objects.filter(id=booking.id).update(expires_at=timezone.now() - timedelta(seconds=1))
    newcomer = client_for(UserFactory())
    results = race(
        [
            lambda: booking_expire(booking_id=booking.id),
            lambda: booking_mark_paid(booking=booking),
            lambda: newcomer.post(
                "/api/book-ticket/", {"event": event.id, "quantity": 1}, format="json"
            ),
        ]
    )
    booking.refresh_from_db()
    newcomer_got_it = results[2].status_code == 201
    assert assert_counters_true(event) == 1
    if booking.status == BookingStatus.CONFIRMED:
        assert booking.payment_status == "paid" and not newcomer_got_it
    else:
        assert booking.status == BookingStatus.EXPIRED
        assert booking.payment_status == "refund_pending"
        assert newcomer_got_it
    assert Event.objects.get(id=event.id).tickets_sold == 1
