"""Analytics equal the truth: a random mix of bookings, cancellations, check-ins and undone
check-ins, with the expected numbers computed here independently of the selectors."""

from collections import Counter
from datetime import timedelta
from decimal import Decimal
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from attendance.services import ticket_check_in_undo, ticket_scan
from attendance.tests.helpers import code_of, live_event
from bookings.errors import BookingCheckedIn
from bookings.models import Ticket
from bookings.services import (
    booking_cancel,
    booking_create,
    booking_mark_paid,
    booking_mark_refunded,
)
from conftest import client_for
from events.models import Event, EventStatus
from events.tests.factories import EventFactory
from users.models import Role
from users.tests.factories import UserFactory

# Committed and flushed afterwards (see attendance/tests/test_code_fuzz.py).
pytestmark = pytest.mark.django_db(transaction=True)

GATES = ["North", "South", "VIP"]


def paid_booking(user, event, quantity):
    """A booking whose (manual) payment arrived. Booked an hour before the start: once an
    event has started a manual payment can no longer be held for."""
    with mock.patch(
        "bookings.services.create.timezone.now", return_value=event.starts_at - timedelta(hours=1)
    ):
        booking, _ = booking_create(user=user, event_id=event.id, quantity=quantity)
    if booking.status == "pending_payment":
        booking = booking_mark_paid(booking=booking)
    return booking


attendee_plan = st.fixed_dictionaries(
    {
        "quantity": st.integers(min_value=1, max_value=4),
        "cancel": st.booleans(),
        # For each ticket: None (not scanned) or (gate, minutes after doors open, undone?)
        "scans": st.lists(
            st.none() | st.tuples(st.sampled_from(GATES), st.integers(0, 170), st.booleans()),
            min_size=4,
            max_size=4,
        ),
    }
)


@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
@given(plans=st.lists(attendee_plan, min_size=1, max_size=6), price=st.integers(0, 90))
def test_event_analytics_match_the_truth(plans, price):
    event = live_event(price=Decimal(price), capacity=40, max_per_booking=4)
    opens = event.checkin_opens_at
    expected_sold = expected_revenue = 0
    admitted: list[tuple[str, object]] = []
    for plan in plans:
        booking = paid_booking(UserFactory(), event, plan["quantity"])
        tickets = list(Ticket.objects.filter(booking=booking).order_by("id"))
        admitted_here = []
        for ticket, scan in zip(tickets, plan["scans"], strict=False):
            if scan is None:
                continue
            gate, minutes, undo = scan
            moment = opens + timedelta(minutes=minutes)
            with mock.patch("attendance.services.door.timezone.now", return_value=moment):
                ticket_scan(scanner=event.organizer, event=event, code=code_of(ticket), gate=gate)
            if undo:
                ticket_check_in_undo(actor=event.organizer, event=event, ticket_id=ticket.id)
            else:
                admitted_here.append((gate, moment))
        cancelled = False
        if plan["cancel"]:
            try:
                booking_cancel(booking=booking, actor=event.organizer)
                cancelled = True
            except BookingCheckedIn:
                pass
        if not cancelled:
            expected_sold += plan["quantity"]
            expected_revenue += price * plan["quantity"]
            admitted += admitted_here
        elif price:
            # Cancelled after paying: refund pending (manual), then paid back.
            booking_mark_refunded(booking=booking)

    body = client_for(event.organizer).get(f"/api/admin/analytics/?event={event.id}").json()
    assert body["tickets_sold"] == expected_sold
    assert body["tickets_available"] == 40 - expected_sold
    assert Decimal(body["revenue"]) == expected_revenue
    assert body["revenue_by_currency"] == [
        {"currency": event.currency, "amount": f"{expected_revenue:.2f}"}
    ]
    assert body["pending"] == {"bookings": 0, "amount": "0.00"}
    [general] = body["by_ticket_type"]
    assert (general["sold"], Decimal(general["revenue"])) == (expected_sold, expected_revenue)
    assert body["checked_in"] == len(admitted)
    assert body["no_shows"] is None  # nobody is a no-show before the end
    after_the_end = event.ends_at + timedelta(minutes=1)
    with mock.patch("adminpanel.selectors.timezone.now", return_value=after_the_end):
        ended = client_for(event.organizer).get(f"/api/admin/analytics/?event={event.id}").json()
    assert ended["no_shows"] == expected_sold - len(admitted)
    assert body["checkin_rate"] == (
        round(len(admitted) / expected_sold, 4) if expected_sold else 0.0
    )
    assert {row["gate"]: row["count"] for row in body["by_gate"]} == dict(
        Counter(gate for gate, _ in admitted)
    )

    def bucket(moment):
        return moment.replace(minute=moment.minute - moment.minute % 5, second=0, microsecond=0)

    expected_arrivals = Counter(bucket(moment) for _, moment in admitted)
    arrivals = {row["start"]: row["count"] for row in body["arrivals"]}
    assert {k: v for k, v in arrivals.items() if v} == {
        k.isoformat().replace("+00:00", "Z"): v for k, v in expected_arrivals.items()
    }
    assert sum(row["count"] for row in body["sales"]) == expected_sold


def test_summary_totals_and_rows_match_each_event():
    organizer = UserFactory(role=Role.ORGANIZER)
    events = [live_event(organizer=organizer, price=Decimal("10.00")) for _ in range(3)]
    for index, event in enumerate(events):
        for _ in range(index + 1):
            paid_booking(UserFactory(), event, 2)
        ticket = Ticket.objects.filter(event=event).first()
        ticket_scan(scanner=organizer, event=event, code=code_of(ticket), gate="Main")
    live_event()  # another organizer's event stays out
    dollars = live_event(organizer=organizer, price=Decimal("7.50"), currency="USD")
    paid_booking(UserFactory(), dollars, 2)
    EventFactory(organizer=organizer, status=EventStatus.DRAFT, capacity=999)
    body = client_for(organizer).get("/api/admin/analytics/").json()
    assert len(body["events"]) == 5
    assert body["totals"]["tickets_sold"] == 2 + 4 + 6 + 2
    # Drafts offer no seats: their capacity is not counted.
    assert body["totals"]["capacity"] == sum(event.capacity for event in [*events, dollars])
    assert body["totals"]["revenue_by_currency"] == [
        {"currency": "EUR", "amount": "120.00"},
        {"currency": "USD", "amount": "15.00"},
    ]
    assert body["totals"]["checked_in"] == 3
    assert body["totals"]["no_shows"] == 0  # none of them is over
    later = max(event.ends_at for event in events) + timedelta(minutes=1)
    Event.objects.filter(id=dollars.id).update(starts_at=later, ends_at=later + timedelta(hours=1))
    with mock.patch("adminpanel.selectors.timezone.now", return_value=later):
        body = client_for(organizer).get("/api/admin/analytics/").json()
    assert body["totals"]["no_shows"] == 9  # the three EUR events are over, USD is not
    by_id = {row["event"]: row for row in body["events"]}
    for index, event in enumerate(events):
        assert by_id[event.id]["tickets_sold"] == 2 * (index + 1)
        assert by_id[event.id]["checked_in"] == 1


def test_one_event_shows_who_is_inside_per_gate_and_offline_conflicts():
    from datetime import timedelta

    from django.utils import timezone

    from attendance.tests.helpers import code_of, live_event, tickets_for
    from conftest import client_for
    from users.models import Role
    from users.tests.factories import UserFactory

    organizer = UserFactory(role=Role.ORGANIZER)
    client = client_for(organizer)
    event = live_event(organizer=organizer)
    [a, b, c] = tickets_for(event, 3)
    for ticket, gate in ((a, "North"), (b, "North"), (c, "South")):
        client.post(
            "/api/attendance/validate/",
            {"event": event.id, "code": code_of(ticket), "gate": gate},
            format="json",
        )
    client.post(
        "/api/attendance/validate/",
        {"event": event.id, "code": code_of(b), "gate": "North", "direction": "out"},
        format="json",
    )
    at = (timezone.now() - timedelta(minutes=2)).isoformat()
    client.post(
        "/api/attendance/sync/",
        {
            "event": event.id,
            "device_id": "phone",
            "scans": [{"client_scan_id": "1", "code": code_of(a), "scanned_at": at}],
        },
        format="json",
    )
    body = client.get(f"/api/admin/analytics/?event={event.id}").json()
    assert body["inside"] == 2
    assert body["offline_conflicts"] == 1
    assert body["by_gate"] == [
        {"gate": "North", "count": 2, "inside": 1},
        {"gate": "South", "count": 1, "inside": 1},
    ]


@pytest.mark.django_db
def test_bookings_that_do_not_earn_per_ticket_type_are_exactly_the_others():
    """NOT_KEPT, written as index ranges, selects exactly the bookings KEPT leaves out, for
    every status and payment status."""
    from adminpanel.selectors import EARNING, KEPT, NOT_KEPT, _earns
    from bookings.models import Booking, BookingStatus, PaymentStatus

    event = live_event()
    for status in BookingStatus.values:
        for payment_status in PaymentStatus.values:
            ended = status in ("cancelled", "expired")
            Booking.objects.create(
                user=UserFactory(),
                event=event,
                quantity=1,
                status=status,
                active=None if ended else True,
                payment_status=payment_status,
                unit_price=1,
                total_amount=1,
                currency="EUR",
            )
    bookings = Booking.objects.filter(event=event)
    kept = set(bookings.filter(KEPT).values_list("id", flat=True))
    others = set(bookings.filter(NOT_KEPT).values_list("id", flat=True))
    assert kept and others and not kept & others
    assert kept | others == set(bookings.values_list("id", flat=True))
    # The per-day figures decide "earning" in Python: the same bookings as EARNING.
    earning = set(bookings.filter(EARNING).values_list("id", flat=True))
    assert earning == {b.id for b in bookings if _earns(b.status, b.payment_status)}
