"""The whole card round trip with Stripe's own deliveries: localstripe sends its signed
webhooks to a live test server, as Stripe would to production."""

import time

import pytest

from bookings.models import Booking, StripeEvent
from bookings.tests.payment_helpers import paid_event
from common.tests.localstripe import (
    CARD_3D_SECURE,
    CARD_SUCCEEDS,
    card_payment_method,
    localstripe_webhook_register,
    three_d_secure_complete,
)
from conftest import client_for
from users.tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _deliveries_settle():
    """localstripe goes on delivering events (charge.*, payment_intent.*) for a second or so
    after the last change. The database is emptied after the test only once they stopped
    arriving (every delivery is recorded, ignored types too), so none lands in the teardown."""
    yield
    last, quiet_since = StripeEvent.objects.count(), time.monotonic()
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and time.monotonic() - quiet_since < 2.5:
        time.sleep(0.25)
        count = StripeEvent.objects.count()
        if count != last:
            last, quiet_since = count, time.monotonic()


def wait_for(predicate, seconds=15.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


def test_3d_secure_then_stripes_webhook_confirms_the_booking(stripe_on, live_server):
    localstripe_webhook_register(stripe_on, url=f"{live_server.url}/api/payments/stripe/webhook/")
    event = paid_event(price="42.00")
    buyer = client_for(UserFactory())
    booking_id = buyer.post(
        "/api/book-ticket/",
        {"event": event.id, "quantity": 2, "payment_method": "stripe"},
        format="json",
    ).json()["id"]
    answer = buyer.post(
        f"/api/bookings/{booking_id}/pay/",
        {"payment_method": card_payment_method(stripe_on, CARD_3D_SECURE)},
        format="json",
    ).json()
    secret = answer["payment"]["next_action"]["client_secret"]
    intent_id = Booking.objects.get(id=booking_id).stripe_payment_intent
    # What the buyer's page does with Stripe.js; Stripe then tells the server by webhook.
    three_d_secure_complete(stripe_on, intent_id=intent_id, client_secret=secret, success=True)
    assert wait_for(lambda: Booking.objects.get(id=booking_id).status == "confirmed")
    body = buyer.get(f"/api/bookings/{booking_id}/").json()
    assert body["payment"]["status"] == "paid" and body["payment"]["next_action"] is None
    assert all(ticket["code"] for ticket in body["tickets"])


def test_after_a_failed_3d_secure_the_buyer_pays_with_another_card(stripe_on, live_server):
    """(localstripe sends no webhook for a failed authentication; the page learns it from
    Stripe.js and the buyer tries again while the hold lasts.)"""
    localstripe_webhook_register(stripe_on, url=f"{live_server.url}/api/payments/stripe/webhook/")
    event = paid_event()
    buyer = client_for(UserFactory())
    booking_id = buyer.post(
        "/api/book-ticket/",
        {"event": event.id, "payment_method": "stripe", "quantity": 1},
        format="json",
    ).json()["id"]
    pay = f"/api/bookings/{booking_id}/pay/"
    answer = buyer.post(
        pay, {"payment_method": card_payment_method(stripe_on, CARD_3D_SECURE)}, format="json"
    ).json()
    first_intent = Booking.objects.get(id=booking_id).stripe_payment_intent
    three_d_secure_complete(
        stripe_on,
        intent_id=first_intent,
        client_secret=answer["payment"]["next_action"]["client_secret"],
        success=False,
    )
    again = buyer.post(
        pay, {"payment_method": card_payment_method(stripe_on, CARD_SUCCEEDS)}, format="json"
    ).json()
    assert again["status"] == "confirmed"
    booking = Booking.objects.get(id=booking_id)
    assert booking.stripe_payment_intent != first_intent and booking.payment_attempts == 2
    # Stripe's own delivery of that success arrives later and changes nothing.
    time.sleep(2)
    booking.refresh_from_db()
    assert (booking.status, booking.payment_status) == ("confirmed", "paid")
