"""Refunds made in Stripe's dashboard (the `charge.refunded` webhook): a full one ends the
booking as a refund made here does (tickets voided, seats back, the holder told); a partial
one is recorded."""

import pytest

from bookings.models import Booking
from bookings.tests.payment_helpers import book, deliver, paid_event, seats, stripe_event
from common.tests.localstripe import CARD_SUCCEEDS, card_payment_method

pytestmark = pytest.mark.django_db


def _paid_booking(client, stripe_base, event) -> tuple[int, str]:
    booking_id = book(client, event, quantity=2, payment_method="stripe").json()["id"]
    paid = client.post(
        f"/api/bookings/{booking_id}/pay/",
        {"payment_method": card_payment_method(stripe_base, CARD_SUCCEEDS)},
        format="json",
    ).json()
    assert paid["status"] == "confirmed"
    return booking_id, Booking.objects.get(id=booking_id).stripe_payment_intent


def _refunded(intent_id: str, amount_refunded: int, *, event_id: str = "evt_refund") -> bytes:
    charge = {
        "id": "ch_dashboard",
        "object": "charge",
        "payment_intent": intent_id,
        "amount": 5000,
        "amount_refunded": amount_refunded,
        "currency": "eur",
        "refunded": amount_refunded >= 5000,
    }
    return stripe_event("charge.refunded", charge, event_id=event_id)


def test_a_full_refund_in_stripe_voids_the_tickets_and_tells_the_holder(
    attendee_client, stripe_on, api_client, sent_mail
):
    event = paid_event(price="25.00")
    booking_id, intent_id = _paid_booking(attendee_client, stripe_on, event)
    sent_mail().clear()
    assert deliver(api_client, _refunded(intent_id, 5000)).status_code == 200
    body = attendee_client.get(f"/api/bookings/{booking_id}/").json()
    assert body["status"] == "cancelled"
    assert (body["payment"]["status"], body["payment"]["refunded_amount"]) == (
        "refunded",
        "50.00",
    )
    assert {ticket["status"] for ticket in body["tickets"]} == {"cancelled"}
    assert seats(event) == 0
    [notice] = sent_mail()
    assert "refunded" in notice.body and "50.00 EUR" in notice.body
    assert "organizer" in notice.body.lower()
    # The door refuses its codes.
    code = body["tickets"][0]["code"]
    from conftest import client_for

    scan = (
        client_for(event.organizer)
        .post("/api/attendance/validate/", {"code": code, "event": event.id}, format="json")
        .json()
    )
    assert (scan["status"], scan["reason"]) == ("rejected", "cancelled")


def test_a_partial_refund_in_stripe_is_recorded_and_the_tickets_stay(
    attendee_client, stripe_on, api_client, sent_mail
):
    event = paid_event(price="25.00")
    booking_id, intent_id = _paid_booking(attendee_client, stripe_on, event)
    sent_mail().clear()
    assert deliver(api_client, _refunded(intent_id, 1000)).status_code == 200
    body = attendee_client.get(f"/api/bookings/{booking_id}/").json()
    assert body["status"] == "confirmed"
    assert (body["payment"]["status"], body["payment"]["refunded_amount"]) == ("paid", "10.00")
    assert {ticket["status"] for ticket in body["tickets"]} == {"valid"}
    assert seats(event) == 2
    # The rest, later: the booking ends then.
    assert deliver(api_client, _refunded(intent_id, 5000, event_id="evt_rest")).status_code == 200
    body = attendee_client.get(f"/api/bookings/{booking_id}/").json()
    assert (body["status"], body["payment"]["refunded_amount"]) == ("cancelled", "50.00")


def test_stripes_echo_of_a_refund_made_here_sends_no_second_notice(
    attendee_client, stripe_on, api_client, sent_mail
):
    event = paid_event(price="25.00")
    booking_id, intent_id = _paid_booking(attendee_client, stripe_on, event)
    attendee_client.post(f"/api/bookings/{booking_id}/cancel/")
    sent_mail().clear()
    assert deliver(api_client, _refunded(intent_id, 5000)).status_code == 200
    booking = Booking.objects.get(id=booking_id)
    assert (booking.status, booking.payment_status) == ("cancelled", "refunded")
    assert booking.cancelled_by == "attendee"
    assert sent_mail() == []
