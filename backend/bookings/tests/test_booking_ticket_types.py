"""Booking by ticket type: an event made with a price gets General admission; quotas, sales windows
and the per-booking limit of each type; several types on sale need items; the type management
rules of the organizer."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from bookings.tests.payment_helpers import (
    book,
    paid_event,
    seats,
)
from conftest import client_for
from events.tests.factories import EventFactory
from users.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_an_event_created_with_a_price_gets_general_admission(organizer_client):
    body = organizer_client.post(
        "/api/events/",
        {
            "title": "Paid night",
            "venue": "Hall",
            "starts_at": "2099-01-01T20:00:00Z",
            "ends_at": "2099-01-01T23:00:00Z",
            "capacity": 10,
            "price": "15.00",
        },
        format="json",
    ).json()
    [general] = body["ticket_types"]
    assert (general["name"], general["price"], general["quota"]) == (
        "General admission",
        "15.00",
        None,
    )
    assert body["price"] == "15.00"
    assert body["payment_methods"] == ["manual"]  # Stripe is off here
    assert (body["hold_minutes"], body["manual_payment_hours"]) == (30, 72)


def test_stripe_cannot_be_chosen_when_it_is_not_configured(organizer, organizer_client):
    event = EventFactory(organizer=organizer)
    response = organizer_client.patch(
        f"/api/events/{event.id}/", {"payment_methods": ["stripe"]}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["code"] == "payment_method_unavailable"
    paid = paid_event(methods=["manual"])
    refused = book(client_for(UserFactory()), paid, payment_method="stripe")
    assert refused.status_code == 400
    assert refused.json()["code"] == "payment_method_unavailable"


def test_ticket_types_quota_sales_window_and_choice(attendee_client):
    now = timezone.now()
    event = EventFactory(
        capacity=30,
        payment_methods=["manual"],
        ticket_types=[
            {"name": "Early", "price": Decimal("0"), "quota": 1},
            {"name": "Late", "price": Decimal("0"), "sales_start": now + timedelta(days=1)},
            {"name": "Gone", "price": Decimal("0"), "sales_end": now - timedelta(days=1)},
        ],
    )
    early, late, gone = event.ticket_types.order_by("id")
    assert (
        book(attendee_client, event, items=[{"ticket_type": early.id, "quantity": 2}]).json()[
            "code"
        ]
        == "ticket_type_sold_out"
    )
    assert (
        book(attendee_client, event, items=[{"ticket_type": late.id, "quantity": 1}]).json()["code"]
        == "sales_not_open"
    )
    assert (
        book(attendee_client, event, items=[{"ticket_type": gone.id, "quantity": 1}]).json()["code"]
        == "sales_closed"
    )
    assert seats(event) == 0
    # One type on sale: a v1 request books it.
    body = book(attendee_client, event, quantity=1).json()
    assert body["items"][0]["ticket_type"] == early.id
    early.refresh_from_db()
    assert early.sold == 1


def test_several_types_on_sale_need_items():
    event = EventFactory(
        ticket_types=[{"name": "A", "price": Decimal("0")}, {"name": "B", "price": Decimal("0")}]
    )
    response = book(client_for(UserFactory()), event, quantity=1)
    assert response.status_code == 400 and response.json()["code"] == "ticket_type_required"


def test_a_booking_of_two_types_adds_up(attendee_client):
    event = EventFactory(
        payment_methods=["manual"],
        ticket_types=[
            {"name": "Standing", "price": Decimal("35.00")},
            {"name": "Seated", "price": Decimal("60.00"), "quota": 5},
        ],
    )
    standing, seated = event.ticket_types.order_by("id")
    body = book(
        attendee_client,
        event,
        items=[
            {"ticket_type": seated.id, "quantity": 1},
            {"ticket_type": standing.id, "quantity": 2},
        ],
        payment_method="manual",
    ).json()
    assert body["total_amount"] == "130.00" and body["quantity"] == 3
    assert [(i["name"], i["quantity"], i["unit_price"]) for i in body["items"]] == [
        ("Standing", 2, "35.00"),
        ("Seated", 1, "60.00"),
    ]
    detail = client_for(UserFactory()).get(f"/api/events/{event.id}/").json()
    assert detail["price"] == "35.00"
    # Held for a manual payment: pending, not sold, and the seats are taken.
    assert [
        (t["name"], t["sold"], t["pending"], t["available"]) for t in detail["ticket_types"]
    ] == [
        ("Standing", 0, 2, 97),
        ("Seated", 0, 1, 4),
    ]
    assert (detail["tickets_sold"], detail["sold"], detail["pending"]) == (3, 0, 3)


def test_ticket_type_management_rules():
    event = paid_event(methods=["manual"])
    organizer = client_for(event.organizer)
    base = f"/api/events/{event.id}/ticket-types/"
    vip = organizer.post(base, {"name": "VIP", "price": "90.00", "quota": 3}, format="json")
    assert vip.status_code == 201, vip.json()
    vip_id = vip.json()["id"]
    book(client_for(UserFactory()), event, items=[{"ticket_type": vip_id, "quantity": 2}])
    below = organizer.patch(f"{base}{vip_id}/", {"quota": 1}, format="json")
    assert below.status_code == 409 and below.json()["code"] == "quota_below_sold"
    assert organizer.patch(f"{base}{vip_id}/", {"quota": 2}, format="json").json()["quota"] == 2
    has_sales = organizer.delete(f"{base}{vip_id}/")
    assert has_sales.status_code == 409 and has_sales.json()["code"] == "ticket_type_has_sales"
    spare = organizer.post(base, {"name": "Spare", "price": "1.00"}, format="json").json()["id"]
    assert organizer.delete(f"{base}{spare}/").status_code == 204
    assert [t["name"] for t in organizer.get(base).json()] == ["General admission", "VIP"]
    assert organizer.get(f"/api/events/{event.id}/").json()["price"] == "25.00"
