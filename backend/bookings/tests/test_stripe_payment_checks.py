"""What a validly signed webhook may not do: confirm a booking with a payment of another amount
or currency (flagged for the organizer instead), or be accepted with a timestamp far from now
(Stripe's tolerance, both ways)."""

import time

import pytest

from bookings.models import Booking
from bookings.tests.payment_helpers import (
    book,
    deliver,
    paid_event,
    seats,
    signature_for,
    stripe_event,
)
from conftest import client_for

pytestmark = pytest.mark.django_db


def _succeeded(booking_id: int, *, amount: int, currency: str) -> bytes:
    return stripe_event(
        "payment_intent.succeeded",
        {
            "id": "pi_wrong_amount",
            "object": "payment_intent",
            "amount": amount,
            "currency": currency,
            "metadata": {"booking": str(booking_id)},
        },
    )


@pytest.mark.parametrize(("amount", "currency"), [(1, "jpy"), (1, "eur"), (2500, "usd")])
def test_a_payment_of_another_amount_or_currency_is_flagged_not_confirmed(
    attendee_client, stripe_on, api_client, amount, currency
):
    event = paid_event(price="25.00", currency="EUR")
    booking_id = book(attendee_client, event, payment_method="stripe").json()["id"]
    response = deliver(api_client, _succeeded(booking_id, amount=amount, currency=currency))
    assert response.status_code == 200
    booking = Booking.objects.get(id=booking_id)
    assert (booking.status, booking.payment_status) == ("pending_payment", "pending")
    body = client_for(event.organizer).get(f"/api/bookings/{booking_id}/").json()
    problem = body["payment"]["problem"]
    assert problem and currency.upper() in problem and "25.00 EUR" in problem
    assert all(ticket["code"] is None for ticket in body["tickets"])
    assert seats(event) == 1


def test_the_matching_amount_confirms(attendee_client, stripe_on, api_client):
    event = paid_event(price="25.00", currency="EUR")
    booking_id = book(attendee_client, event, payment_method="stripe").json()["id"]
    assert (
        deliver(api_client, _succeeded(booking_id, amount=2500, currency="eur")).status_code == 200
    )
    body = attendee_client.get(f"/api/bookings/{booking_id}/").json()
    assert (body["status"], body["payment"]["status"]) == ("confirmed", "paid")
    assert body["payment"]["problem"] is None


@pytest.mark.parametrize("offset", [3600, 301, -301])
def test_a_signature_outside_the_tolerance_is_refused(
    attendee_client, stripe_on, api_client, offset
):
    event = paid_event(price="25.00", currency="EUR")
    booking_id = book(attendee_client, event, payment_method="stripe").json()["id"]
    body = _succeeded(booking_id, amount=2500, currency="eur")
    response = deliver(
        api_client, body, signature=signature_for(body, at=int(time.time()) + offset)
    )
    assert response.status_code == 400 and response.json()["code"] == "invalid_signature"
    assert Booking.objects.get(id=booking_id).status == "pending_payment"
