"""Paying: a priced booking shows no code until paid; manual payments marked by the organizer,
card payments through Stripe (against localstripe), cancellation and refunds, the money in
the analytics."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from bookings.models import Booking, Ticket
from bookings.services import booking_expire_sweep
from bookings.stripe_api import minor_units
from bookings.tests.payment_helpers import (
    age_hold,
    book,
    paid_event,
    seats,
    stripe_intent,
)
from common.tests.localstripe import (
    CARD_3D_SECURE,
    CARD_DECLINED,
    CARD_SUCCEEDS,
    card_payment_method,
)
from conftest import client_for
from events.models import Event
from users.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


# --- holds, hidden codes, manual payment ---------------------------------------------------


def test_a_paid_booking_holds_seats_and_shows_no_code_until_paid(attendee_client, sent_mail):
    event = paid_event(price="25.00", methods=["manual"], payment_instructions="IBAN DE02")
    response = book(attendee_client, event, quantity=2)
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["status"] == "pending_payment"
    assert body["total_amount"] == "50.00"
    assert body["expires_at"] is not None
    assert body["payment"]["method"] == "manual"
    assert body["payment"]["status"] == "pending"
    assert body["payment"]["instructions"] == "IBAN DE02"
    assert body["payment"]["publishable_key"] is None
    assert body["payment"]["next_action"] is None
    assert [item["quantity"] for item in body["items"]] == [2]
    for ticket in body["tickets"]:
        assert ticket["status"] == "pending"
        assert ticket["code"] is None and ticket["qr_png"] is None and ticket["qr_svg"] is None
        assert ticket["backup_code"] is None
    assert seats(event) == 2
    [message] = sent_mail()
    assert "IBAN DE02" in message.body and not message.attachments
    # No QR image of an unpaid ticket, for the booker or the organizer.
    ticket_id = body["tickets"][0]["id"]
    for client in (attendee_client, client_for(event.organizer)):
        assert client.get(f"/api/tickets/{ticket_id}/qr.png").status_code == 404
    # Its manual hold never passes the start.
    hold_end = timezone.now() + timedelta(hours=event.manual_payment_hours)
    assert Booking.objects.get(id=body["id"]).expires_at <= min(hold_end, event.starts_at)


def test_organizer_marks_a_manual_payment_paid_then_the_tickets_appear(attendee_client, sent_mail):
    event = paid_event(methods=["manual"])
    booking_id = book(attendee_client, event).json()["id"]
    path = f"/api/bookings/{booking_id}/mark-paid/"
    assert attendee_client.post(path).status_code == 403
    organizer = client_for(event.organizer)
    body = organizer.post(path).json()
    assert body["status"] == "confirmed"
    assert body["payment"]["status"] == "paid" and body["payment"]["paid_at"]
    assert all(t["code"] and t["status"] == "valid" for t in body["tickets"])
    assert organizer.post(path).json()["code"] == "payment_not_expected"
    assert any(m.attachments for m in sent_mail())  # the tickets e-mail with its QR codes


def test_cancelling_a_paid_manual_booking_waits_for_the_organizers_refund(attendee_client):
    event = paid_event(methods=["manual"])
    booking_id = book(attendee_client, event, quantity=2).json()["id"]
    organizer = client_for(event.organizer)
    organizer.post(f"/api/bookings/{booking_id}/mark-paid/")
    body = attendee_client.post(f"/api/bookings/{booking_id}/cancel/").json()
    assert body["status"] == "cancelled"
    assert body["payment"]["status"] == "refund_pending"
    assert seats(event) == 0
    refunded = organizer.post(f"/api/bookings/{booking_id}/mark-refunded/").json()
    assert refunded["payment"]["status"] == "refunded"
    assert refunded["payment"]["refunded_amount"] == "50.00"
    again = organizer.post(f"/api/bookings/{booking_id}/mark-refunded/")
    assert again.status_code == 409 and again.json()["code"] == "not_refundable"


def test_the_attendee_cannot_cancel_after_attendee_cancel_until(attendee_client):
    event = paid_event(methods=["manual"], attendee_cancel_until=timezone.now() + timedelta(days=1))
    booking_id = book(attendee_client, event).json()["id"]
    Event.objects.filter(id=event.id).update(
        attendee_cancel_until=timezone.now() - timedelta(minutes=1)
    )
    response = attendee_client.post(f"/api/bookings/{booking_id}/cancel/")
    assert response.status_code == 409 and response.json()["code"] == "cancel_closed"
    organizer = client_for(event.organizer)
    assert organizer.post(f"/api/bookings/{booking_id}/cancel/").json()["status"] == "cancelled"


# --- expiry --------------------------------------------------------------------------------


# --- ticket types ---------------------------------------------------------------------------


# --- Stripe, against localstripe ----------------------------------------------------------


def test_pay_by_card_confirms_at_once(attendee_client, stripe_on, sent_mail):
    event = paid_event(price="19.99")
    body = book(attendee_client, event, quantity=2, payment_method="stripe").json()
    assert body["payment"]["publishable_key"] == "pk_test_qr_entry"
    method = card_payment_method(stripe_on, CARD_SUCCEEDS)
    paid = attendee_client.post(
        f"/api/bookings/{body['id']}/pay/", {"payment_method": method}, format="json"
    )
    assert paid.status_code == 200, paid.json()
    paid = paid.json()
    assert paid["status"] == "confirmed"
    assert paid["payment"]["status"] == "paid" and paid["payment"]["amount"] == "39.98"
    assert all(t["code"] for t in paid["tickets"])
    booking = Booking.objects.get(id=body["id"])
    intent = stripe_intent(stripe_on, booking.stripe_payment_intent)
    assert (intent.amount, intent.currency, intent.metadata["booking"]) == (
        3998,
        "eur",
        str(booking.id),
    )
    again = attendee_client.post(
        f"/api/bookings/{body['id']}/pay/", {"payment_method": method}, format="json"
    )
    assert again.status_code == 409 and again.json()["code"] == "payment_not_expected"


def test_a_declined_card_is_402_and_another_card_may_follow(attendee_client, stripe_on):
    event = paid_event()
    booking_id = book(attendee_client, event, payment_method="stripe").json()["id"]
    pay = f"/api/bookings/{booking_id}/pay/"
    declined = attendee_client.post(
        pay, {"payment_method": card_payment_method(stripe_on, CARD_DECLINED)}, format="json"
    )
    assert declined.status_code == 402 and declined.json()["code"] == "payment_declined"
    assert attendee_client.get(f"/api/bookings/{booking_id}/").json()["payment"]["status"] == (
        "failed"
    )
    assert seats(event) == 1  # the hold stays
    ok = attendee_client.post(
        pay, {"payment_method": card_payment_method(stripe_on, CARD_SUCCEEDS)}, format="json"
    )
    assert ok.json()["status"] == "confirmed"
    assert Booking.objects.get(id=booking_id).payment_attempts == 2


def test_3d_secure_answers_the_client_secret_to_the_booker_only(attendee_client, stripe_on):
    event = paid_event()
    booking_id = book(attendee_client, event, payment_method="stripe").json()["id"]
    body = attendee_client.post(
        f"/api/bookings/{booking_id}/pay/",
        {"payment_method": card_payment_method(stripe_on, CARD_3D_SECURE)},
        format="json",
    ).json()
    assert body["status"] == "pending_payment"
    assert body["payment"]["next_action"]["client_secret"]
    organizer_view = client_for(event.organizer).get(f"/api/bookings/{booking_id}/").json()
    assert organizer_view["payment"]["next_action"] is None


def test_zero_decimal_currencies_are_charged_in_whole_units(attendee_client, stripe_on):
    assert minor_units(Decimal("500"), "JPY") == 500
    assert minor_units(Decimal("12.34"), "EUR") == 1234
    event = paid_event(price="1500", currency="JPY")
    booking_id = book(attendee_client, event, payment_method="stripe").json()["id"]
    attendee_client.post(
        f"/api/bookings/{booking_id}/pay/",
        {"payment_method": card_payment_method(stripe_on, CARD_SUCCEEDS)},
        format="json",
    )
    intent = stripe_intent(stripe_on, Booking.objects.get(id=booking_id).stripe_payment_intent)
    assert (intent.amount, intent.currency) == (1500, "jpy")


def test_cancelling_a_card_booking_refunds_it_through_stripe(attendee_client, stripe_on, sent_mail):
    event = paid_event()
    booking_id = book(attendee_client, event, payment_method="stripe").json()["id"]
    attendee_client.post(
        f"/api/bookings/{booking_id}/pay/",
        {"payment_method": card_payment_method(stripe_on, CARD_SUCCEEDS)},
        format="json",
    )
    attendee_client.post(f"/api/bookings/{booking_id}/cancel/")
    sent = sent_mail()  # drains the outbox: the refund goes to Stripe
    body = attendee_client.get(f"/api/bookings/{booking_id}/").json()
    assert body["payment"]["status"] == "refunded"
    assert body["payment"]["refunded_amount"] == "25.00"
    assert any("refunded" in m.body for m in sent)


def test_cancelling_the_event_refunds_every_paid_booking(stripe_on, sent_mail):
    event = paid_event()
    card_client, manual_client, pending_client = (client_for(UserFactory()) for _ in range(3))
    card = book(card_client, event, payment_method="stripe").json()["id"]
    card_client.post(
        f"/api/bookings/{card}/pay/",
        {"payment_method": card_payment_method(stripe_on, CARD_SUCCEEDS)},
        format="json",
    )
    manual = book(manual_client, event, payment_method="manual").json()["id"]
    organizer = client_for(event.organizer)
    organizer.post(f"/api/bookings/{manual}/mark-paid/")
    pending = book(pending_client, event, payment_method="manual").json()["id"]
    organizer.post(f"/api/events/{event.id}/cancel/", format="json")
    sent_mail()
    states = {
        b.id: (b.status, b.payment_status)
        for b in Booking.objects.filter(id__in=[card, manual, pending])
    }
    assert states == {
        card: ("cancelled", "refunded"),
        manual: ("cancelled", "refund_pending"),
        pending: ("cancelled", "failed"),
    }


# --- the webhook ---------------------------------------------------------------------------


def test_analytics_money_paid_minus_refunded_per_currency_and_pending(attendee_client):
    organizer = UserFactory(role="organizer")
    eur = paid_event(methods=["manual"], organizer=organizer, price="10.00")
    usd = paid_event(methods=["manual"], organizer=organizer, price="7.00", currency="USD")
    manager = client_for(organizer)
    for event in (eur, usd):
        booking_id = book(client_for(UserFactory()), event, quantity=2).json()["id"]
        manager.post(f"/api/bookings/{booking_id}/mark-paid/")
    refunded = book(client_for(UserFactory()), eur).json()["id"]
    manager.post(f"/api/bookings/{refunded}/mark-paid/")
    manager.post(f"/api/bookings/{refunded}/cancel/")
    manager.post(f"/api/bookings/{refunded}/mark-refunded/")
    book(client_for(UserFactory()), eur, quantity=3)  # pending
    summary = manager.get("/api/admin/analytics/").json()["totals"]
    assert summary["revenue_by_currency"] == [
        {"currency": "EUR", "amount": "20.00"},
        {"currency": "USD", "amount": "14.00"},
    ]
    assert summary["revenue"] is None  # never a sum of euros and dollars
    one = manager.get(f"/api/admin/analytics/?event={eur.id}").json()
    assert one["revenue"] == "20.00"
    assert one["pending"] == {"bookings": 1, "amount": "30.00"}
    [general] = one["by_ticket_type"]
    # Sold and its revenue count the same tickets: the 3 held await payment, apart.
    assert (general["sold"], general["pending"], general["revenue"]) == (2, 3, "20.00")


def test_the_door_refuses_a_ticket_not_paid_for(attendee_client):
    from bookings.ticket_codes import ticket_code_for

    event = paid_event(methods=["manual"])
    booking_id = book(attendee_client, event).json()["id"]
    ticket = Ticket.objects.get(booking_id=booking_id)
    code = ticket_code_for(event_id=event.id, ticket_id=ticket.id, key_id=ticket.key_id)
    body = (
        client_for(event.organizer)
        .post("/api/attendance/validate/", {"code": code, "event": event.id}, format="json")
        .json()
    )
    assert (body["status"], body["reason"]) == ("rejected", "cancelled")
    ticket.refresh_from_db()
    assert ticket.checked_in_at is None


def test_an_ended_card_hold_cancels_its_paymentstripe_intent(attendee_client, stripe_on, sent_mail):
    event = paid_event()
    booking_id = book(attendee_client, event, payment_method="stripe").json()["id"]
    attendee_client.post(
        f"/api/bookings/{booking_id}/pay/",
        {"payment_method": card_payment_method(stripe_on, CARD_3D_SECURE)},
        format="json",
    )
    intent_id = Booking.objects.get(id=booking_id).stripe_payment_intent
    age_hold(booking_id)
    assert attendee_client.get(f"/api/bookings/{booking_id}/").json()["status"] == "expired"
    assert booking_expire_sweep() == 1
    sent_mail()  # drains the outbox: the cancellation goes to Stripe
    assert stripe_intent(stripe_on, intent_id).status == "canceled"
    late = attendee_client.post(
        f"/api/bookings/{booking_id}/pay/",
        {"payment_method": card_payment_method(stripe_on, CARD_SUCCEEDS)},
        format="json",
    )
    assert late.status_code == 409 and late.json()["code"] == "hold_expired"
