"""Holds: a priced booking keeps its seats until expires_at; unpaid by then it reads as expired,
and the sweep (or the next booking of a full event) gives its seats back and calls off its
PaymentIntent. A payment after the hold confirms if the seats are left, else it is refunded."""

import pytest

from bookings.models import Booking, Ticket, TicketStatus
from bookings.services import booking_expire_sweep
from bookings.tests.payment_helpers import (
    age_hold,
    book,
    deliver,
    paid_event,
    seats,
    stripe_event,
)
from common.tests.localstripe import (
    CARD_3D_SECURE,
    card_payment_method,
)
from conftest import client_for
from events.models import TicketType
from users.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_an_ended_hold_reads_as_expired_and_the_sweep_gives_its_seats_back(attendee_client):
    event = paid_event(methods=["manual"], capacity=2, manual_hold_limit=2)
    booking_id = book(attendee_client, event, quantity=2).json()["id"]
    assert book(client_for(UserFactory()), event).json()["code"] == "sold_out"
    age_hold(booking_id)
    body = attendee_client.get(f"/api/bookings/{booking_id}/").json()
    assert body["status"] == "expired"
    assert body["payment"]["status"] == "failed"
    assert {ticket["status"] for ticket in body["tickets"]} == {"cancelled"}
    assert attendee_client.get("/api/bookings/").json()["results"][0]["status"] == "expired"
    # A read never writes (v3): the seats come back with the sweep (or the next booking).
    assert Booking.objects.get(id=booking_id).status == "pending_payment"
    assert seats(event) == 2
    assert booking_expire_sweep() == 1
    assert seats(event) == 0
    assert TicketType.objects.get(event=event).sold == 0
    assert set(Ticket.objects.filter(booking_id=booking_id).values_list("status", flat=True)) == {
        TicketStatus.CANCELLED
    }
    # Kept, never deleted; and the attendee may book again.
    assert Booking.objects.filter(id=booking_id).exists()
    assert book(attendee_client, event).status_code == 201


def test_ended_holds_return_before_a_new_booking_takes_seats():
    event = paid_event(methods=["manual"], capacity=1)
    first = book(client_for(UserFactory()), event).json()["id"]
    age_hold(first)
    assert book(client_for(UserFactory()), event).status_code == 201
    assert Booking.objects.get(id=first).status == "expired"
    assert seats(event) == 1


def test_the_periodic_sweep_expires_holds(attendee_client):
    event = paid_event(methods=["manual"])
    booking_id = book(attendee_client, event).json()["id"]
    age_hold(booking_id)
    assert booking_expire_sweep() == 1
    assert Booking.objects.get(id=booking_id).status == "expired"
    assert booking_expire_sweep() == 0


def test_the_worker_of_make_run_and_celery_beat_run_the_sweep(attendee_client):
    from common.jobs import PERIODIC_JOBS
    from config.celery import app

    event = paid_event(methods=["manual"])
    booking_id = book(attendee_client, event).json()["id"]
    age_hold(booking_id)
    # run_worker (deploy/Procfile.local) and Celery's periodic_job task run exactly this.
    PERIODIC_JOBS["bookings.expire_holds"].run()
    assert Booking.objects.get(id=booking_id).status == "expired"
    app.finalize()  # beat's schedule is built from PERIODIC_JOBS (config/celery.py)
    assert "bookings.expire_holds" in app.conf.beat_schedule


def test_a_manual_payment_after_the_hold_confirms_if_seats_are_left(attendee_client):
    event = paid_event(methods=["manual"], capacity=3, manual_hold_limit=3)
    booking_id = book(attendee_client, event, quantity=2).json()["id"]
    age_hold(booking_id)
    attendee_client.get(f"/api/bookings/{booking_id}/")
    body = client_for(event.organizer).post(f"/api/bookings/{booking_id}/mark-paid/").json()
    assert body["status"] == "confirmed" and body["payment"]["status"] == "paid"
    assert seats(event) == 2


def test_a_manual_payment_after_the_hold_is_refunded_when_the_seats_are_gone(
    attendee_client, sent_mail
):
    event = paid_event(methods=["manual"], capacity=2, manual_hold_limit=2)
    booking_id = book(attendee_client, event, quantity=2).json()["id"]
    age_hold(booking_id)
    assert book(client_for(UserFactory()), event, quantity=2).status_code == 201
    body = client_for(event.organizer).post(f"/api/bookings/{booking_id}/mark-paid/").json()
    assert body["status"] == "expired"
    assert body["payment"]["status"] == "refund_pending"
    assert seats(event) == 2
    assert any("refunded" in m.body for m in sent_mail())


def test_a_card_payment_after_the_hold_without_seats_is_refunded_by_itself(
    attendee_client, stripe_on, api_client, sent_mail
):
    event = paid_event(capacity=1)
    booking_id = book(attendee_client, event, payment_method="stripe").json()["id"]
    result = attendee_client.post(
        f"/api/bookings/{booking_id}/pay/",
        {"payment_method": card_payment_method(stripe_on, CARD_3D_SECURE)},
        format="json",
    ).json()
    intent_id = Booking.objects.get(id=booking_id).stripe_payment_intent
    assert result["payment"]["next_action"]
    age_hold(booking_id)
    assert book(client_for(UserFactory()), event).status_code == 201  # the seat is gone
    body = stripe_event(
        "payment_intent.succeeded",
        {
            "id": intent_id,
            "amount": 2500,
            "currency": "eur",
            "metadata": {"booking": str(booking_id)},
        },
    )
    assert deliver(api_client, body).status_code == 200
    sent = sent_mail()
    booking = Booking.objects.get(id=booking_id)
    assert booking.status == "expired"
    assert booking.payment_status in ("refund_pending", "refunded")
    assert seats(event) == 1
    assert any("refunded" in m.body for m in sent)
