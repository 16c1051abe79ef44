"""One meaning of "sold" in every answer that shows it: tickets of confirmed bookings (free
or paid); holds awaiting payment are pending, apart; a hold whose time is up is neither."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from bookings.models import Booking
from bookings.services import booking_create, booking_mark_paid
from conftest import client_for
from events.tests.factories import EventFactory
from users.models import Role
from users.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

GENERAL, VIP = "General admission", "VIP table"


def _book(event, items, method=None):
    booking, _ = booking_create(
        user=UserFactory(), event_id=event.id, items=items, payment_method=method
    )
    return booking


@pytest.fixture
def event():
    """General admission (free) and VIP table (40.00, paid by bank transfer):
    - confirmed free: 2 general; confirmed paid: 1 VIP;
    - held, awaiting payment: 2 VIP, and 1 general + 1 VIP in one booking;
    - a hold whose time is up but not yet swept: 1 VIP (still a seat, neither sold nor pending).
    """
    event = EventFactory(
        organizer=UserFactory(role=Role.ORGANIZER),
        payment_methods=["manual"],
        ticket_types=[
            {"name": GENERAL, "price": Decimal("0.00"), "position": 0},
            {"name": VIP, "price": Decimal("40.00"), "position": 1},
        ],
    )
    general, vip = event.ticket_types.order_by("position")
    assert _book(event, [(general.id, 2)]).status == "confirmed"
    booking_mark_paid(booking=_book(event, [(vip.id, 1)], "manual"))
    _book(event, [(vip.id, 2)], "manual")
    _book(event, [(general.id, 1), (vip.id, 1)], "manual")
    ended = _book(event, [(vip.id, 1)], "manual")
    Booking.objects.filter(id=ended.id).update(expires_at=timezone.now() - timedelta(minutes=1))
    return event


SOLD, PENDING = 3, 4
BY_TYPE = {GENERAL: (2, 1), VIP: (1, 3)}


def test_every_answer_that_shows_sold_agrees(event):
    organizer = client_for(event.organizer)

    detail = organizer.get(f"/api/events/{event.id}/").json()
    [listed] = organizer.get("/api/events/?mine=true").json()["results"]
    public = client_for(UserFactory()).get(f"/api/events/{event.id}/").json()
    for shape in (detail, listed, public):
        assert (shape["sold"], shape["pending"]) == (SOLD, PENDING)
        # v1: seats taken, the ended hold included until the sweep releases it.
        assert shape["tickets_sold"] == 8
        assert {t["name"]: (t["sold"], t["pending"]) for t in shape["ticket_types"]} == BY_TYPE
    types = organizer.get(f"/api/events/{event.id}/ticket-types/").json()
    assert {t["name"]: (t["sold"], t["pending"]) for t in types} == BY_TYPE

    analytics = organizer.get(f"/api/admin/analytics/?event={event.id}").json()
    assert analytics["sold"] == analytics["tickets_sold"] == SOLD
    assert analytics["pending_tickets"] == PENDING
    # Seats left, as on the event: the holds keep theirs (the ended one until the sweep).
    assert analytics["tickets_available"] == detail["tickets_available"] == event.capacity - 8
    by_type = {row["name"]: row for row in analytics["by_ticket_type"]}
    assert {name: (row["sold"], row["pending"]) for name, row in by_type.items()} == BY_TYPE
    # A type's revenue counts the tickets its `sold` counts: 1 VIP paid at 40.00.
    assert (by_type[VIP]["revenue"], by_type[GENERAL]["revenue"]) == ("40.00", "0.00")
    assert analytics["revenue"] == "40.00"
    assert sum(row["sold"] for row in by_type.values()) == SOLD

    summary = organizer.get("/api/admin/analytics/").json()
    [row] = summary["events"]
    for counters in (row, summary["totals"]):
        assert counters["sold"] == counters["tickets_sold"] == SOLD
        assert counters["pending_tickets"] == PENDING
        assert counters["revenue"] == "40.00"

    valid = organizer.get(f"/api/admin/events/{event.id}/attendees/?status=valid").json()
    assert valid["count"] == SOLD


def test_paying_a_hold_moves_it_from_pending_to_sold(event):
    held = Booking.objects.get(event=event, status="pending_payment", items__quantity=2)
    booking_mark_paid(booking=held)
    detail = client_for(event.organizer).get(f"/api/events/{event.id}/").json()
    assert (detail["sold"], detail["pending"]) == (SOLD + 2, PENDING - 2)
    analytics = client_for(event.organizer).get(f"/api/admin/analytics/?event={event.id}").json()
    assert (analytics["sold"], analytics["pending_tickets"]) == (SOLD + 2, PENDING - 2)
    vip = next(row for row in analytics["by_ticket_type"] if row["name"] == VIP)
    assert (vip["sold"], vip["pending"], vip["revenue"]) == (3, 1, "120.00")


def test_the_door_counts_the_same_sold(event):
    from attendance.tests.helpers import code_of
    from bookings.models import Ticket

    organizer = client_for(event.organizer)
    confirmed = Ticket.objects.filter(event=event, status="valid").first()
    for code in ("not a ticket", code_of(confirmed)):  # without and with a ticket read
        body = {"code": code, "event": event.id, "gate": "Main"}
        answer = organizer.post("/api/attendance/validate/", body, format="json").json()
        assert answer["counters"]["tickets_sold"] == SOLD, answer
