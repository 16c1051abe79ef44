"""Money is never lost: the server asks Stripe whenever it must know and a webhook may not
have come (no webhook is registered with localstripe here): when the buyer's page returns
from 3-D Secure (`pay/confirm`), before a pending card booking is expired or cancelled, and
in a periodic sweep. No charged buyer is told that nothing was charged; every refund e-mail
gives its true reason."""

import pytest

from bookings.models import Booking
from bookings.services import booking_expire_sweep, card_payments_sweep
from bookings.tests.payment_helpers import (
    age_hold,
    book,
    deliver,
    paid_event,
    seats,
    stripe_event,
)
from common.jobs import PERIODIC_JOBS
from common.tests.localstripe import (
    CARD_3D_SECURE,
    TEST_SECRET_KEY,
    card_payment_method,
    three_d_secure_complete,
)
from conftest import client_for
from users.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _awaiting_3ds(client, stripe_base, event) -> tuple[int, str, str]:
    booking_id = book(client, event, payment_method="stripe").json()["id"]
    body = client.post(
        f"/api/bookings/{booking_id}/pay/",
        {"payment_method": card_payment_method(stripe_base, CARD_3D_SECURE)},
        format="json",
    ).json()
    secret = body["payment"]["next_action"]["client_secret"]
    return booking_id, Booking.objects.get(id=booking_id).stripe_payment_intent, secret


def _charged_without_webhook(client, stripe_base, event) -> tuple[int, str]:
    """The buyer passed 3-D Secure: Stripe has the money; no webhook comes."""
    booking_id, intent_id, secret = _awaiting_3ds(client, stripe_base, event)
    three_d_secure_complete(stripe_base, intent_id=intent_id, client_secret=secret, success=True)
    return booking_id, intent_id


def _refunds_of(stripe_base, intent_id):
    import stripe

    client = stripe.StripeClient(TEST_SECRET_KEY, base_addresses={"api": stripe_base})
    return [r.amount for r in client.v1.refunds.list(params={"payment_intent": intent_id}).data]


def test_back_from_3d_secure_the_page_confirms_without_the_webhook(
    attendee_client, stripe_on, sent_mail
):
    event = paid_event()
    booking_id, intent_id, secret = _awaiting_3ds(attendee_client, stripe_on, event)
    confirm = f"/api/bookings/{booking_id}/pay/confirm/"
    waiting = attendee_client.post(confirm)
    assert waiting.status_code == 200 and waiting.json()["status"] == "pending_payment"
    assert waiting.json()["payment"]["next_action"]["client_secret"] == secret
    three_d_secure_complete(stripe_on, intent_id=intent_id, client_secret=secret, success=True)
    assert client_for(event.organizer).post(confirm).status_code == 403
    body = attendee_client.post(confirm).json()
    assert (body["status"], body["payment"]["status"]) == ("confirmed", "paid")
    assert all(ticket["code"] for ticket in body["tickets"])
    assert attendee_client.post(confirm).json()["status"] == "confirmed"  # asked again: same
    assert [m.subject for m in sent_mail()].count(f"Your tickets for {event.title}") == 1


def test_a_failed_3d_secure_reads_failed_and_the_buyer_may_retry(attendee_client, stripe_on):
    event = paid_event()
    booking_id, intent_id, secret = _awaiting_3ds(attendee_client, stripe_on, event)
    three_d_secure_complete(stripe_on, intent_id=intent_id, client_secret=secret, success=False)
    body = attendee_client.post(f"/api/bookings/{booking_id}/pay/confirm/").json()
    assert (body["status"], body["payment"]["status"]) == ("pending_payment", "failed")
    assert body["payment"]["next_action"] is None
    assert seats(event) == 1


def test_a_hold_that_ended_is_not_expired_when_stripe_has_the_money(
    attendee_client, stripe_on, sent_mail
):
    event = paid_event()
    booking_id, intent_id = _charged_without_webhook(attendee_client, stripe_on, event)
    age_hold(booking_id)
    booking_expire_sweep()
    sent = sent_mail()
    booking = Booking.objects.get(id=booking_id)
    assert (booking.status, booking.payment_status) == ("confirmed", "paid")
    assert seats(event) == 1
    assert _refunds_of(stripe_on, intent_id) == []
    assert not any("refund" in m.subject.lower() for m in sent)


def test_the_periodic_sweep_settles_card_payments_whose_webhook_never_came(
    attendee_client, stripe_on
):
    assert PERIODIC_JOBS["bookings.settle_card_payments"].every_seconds <= 60
    event = paid_event()
    booking_id, _ = _charged_without_webhook(attendee_client, stripe_on, event)
    assert card_payments_sweep() == 1
    assert Booking.objects.get(id=booking_id).status == "confirmed"
    assert card_payments_sweep() == 0  # settled: not asked again


def test_cancelling_the_event_refunds_a_buyer_stripe_had_charged(stripe_on, sent_mail):
    """The finding: the webhook never came, the organizer cancelled, and the buyer was told
    "nothing was charged" while Stripe held the money."""
    event = paid_event(price="40.00", currency="USD")
    buyer = client_for(UserFactory(email="charged@example.com"))
    booking_id, intent_id = _charged_without_webhook(buyer, stripe_on, event)
    sent_mail().clear()
    client_for(event.organizer).post(f"/api/events/{event.id}/cancel/", {}, format="json")
    sent = sent_mail()
    booking = Booking.objects.get(id=booking_id)
    assert (booking.status, booking.payment_status) == ("cancelled", "refunded")
    assert _refunds_of(stripe_on, intent_id) == [4000]
    bodies = "\n".join(m.body for m in sent if m.to == ["charged@example.com"])
    assert "nothing was charged" not in bodies
    assert "You paid 40.00 USD by card" in bodies
    assert "the event was cancelled" in bodies


def test_a_buyer_cancelling_a_charged_pending_booking_is_refunded(
    attendee_client, stripe_on, sent_mail
):
    event = paid_event()
    booking_id, intent_id = _charged_without_webhook(attendee_client, stripe_on, event)
    body = attendee_client.post(f"/api/bookings/{booking_id}/cancel/").json()
    assert body["status"] == "cancelled"
    sent = sent_mail()
    assert _refunds_of(stripe_on, intent_id) == [2500]
    [refund] = [m for m in sent if "Refund" in m.subject]
    assert "your booking was cancelled" in refund.body


def test_a_payment_completing_after_the_event_was_cancelled_gives_its_true_reason(
    attendee_client, stripe_on, api_client, sent_mail
):
    event = paid_event()
    booking_id, intent_id, secret = _awaiting_3ds(attendee_client, stripe_on, event)
    client_for(event.organizer).post(f"/api/events/{event.id}/cancel/", {}, format="json")
    # The buyer finishes 3-D Secure before the worker called the payment off.
    three_d_secure_complete(stripe_on, intent_id=intent_id, client_secret=secret, success=True)
    succeeded = stripe_event(
        "payment_intent.succeeded",
        {
            "id": intent_id,
            "amount": 2500,
            "currency": "eur",
            "metadata": {"booking": str(booking_id)},
        },
    )
    assert deliver(api_client, succeeded).status_code == 200
    sent = sent_mail()
    [refund] = [m for m in sent if "Refund" in m.subject]
    assert "the event was cancelled" in refund.body
    assert "taken meanwhile" not in refund.body
    assert _refunds_of(stripe_on, intent_id) == [2500]


def test_the_worker_finding_a_paid_intent_it_was_to_call_off_settles_it(
    attendee_client, stripe_on, sent_mail
):
    """The hold ended while Stripe did not answer; the payment had gone through: the worker
    that calls the PaymentIntent off finds it paid and settles the booking."""
    event = paid_event()
    booking_id, intent_id, secret = _awaiting_3ds(attendee_client, stripe_on, event)
    age_hold(booking_id)
    assert booking_expire_sweep() == 1  # requires_action: no money yet, the hold ends
    three_d_secure_complete(stripe_on, intent_id=intent_id, client_secret=secret, success=True)
    sent_mail()  # the worker: cancel the intent, find it paid
    booking = Booking.objects.get(id=booking_id)
    assert (booking.status, booking.payment_status) == ("confirmed", "paid")  # seats were left
