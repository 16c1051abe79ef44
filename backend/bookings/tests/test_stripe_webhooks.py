"""Stripe's webhook: verified by its signature on the raw body, each event recorded once,
deliveries repeated, out of order or in parallel applied once."""

from decimal import Decimal

import pytest
from django.utils import timezone

from bookings.models import Booking
from bookings.tests.payment_helpers import (
    book,
    deliver,
    paid_event,
    seats,
    signature_for,
    stripe_event,
)
from common.tests.localstripe import (
    CARD_SUCCEEDS,
    card_payment_method,
)

pytestmark = pytest.mark.django_db


def test_webhook_confirms_once_and_records_each_event_once(attendee_client, stripe_on, api_client):
    event = paid_event()
    booking_id = book(attendee_client, event, payment_method="stripe").json()["id"]
    intent = {
        "id": "pi_test_1",
        "object": "payment_intent",
        "amount": 2500,
        "currency": "eur",
        "metadata": {"booking": str(booking_id)},
    }
    body = stripe_event("payment_intent.succeeded", intent)
    first = deliver(api_client, body)
    assert first.status_code == 200 and first.json() == {"received": "processed"}
    assert deliver(api_client, body).json() == {"received": "duplicate"}
    booking = Booking.objects.get(id=booking_id)
    assert (booking.status, booking.payment_status) == ("confirmed", "paid")
    # Another event of the same payment (a redelivery with a new id) changes nothing.
    other = stripe_event("payment_intent.succeeded", intent, event_id="evt_test_2")
    assert deliver(api_client, other).json() == {"received": "processed"}
    assert seats(event) == 1
    ignored = stripe_event("customer.created", {"id": "cus_1"}, event_id="evt_test_3")
    assert deliver(api_client, ignored).json() == {"received": "ignored"}
    refunded = stripe_event(
        "charge.refunded",
        {"id": "ch_1", "payment_intent": "pi_test_1", "amount_refunded": 2500},
        event_id="evt_test_4",
    )
    assert deliver(api_client, refunded).json() == {"received": "processed"}
    booking.refresh_from_db()
    assert (booking.payment_status, booking.refunded_amount) == ("refunded", Decimal("25.00"))


@pytest.mark.parametrize(
    "signature",
    [
        "",
        "t=1,v1=deadbeef",
        "forged",
        "another-secret",
        "stale",
    ],
)
def test_webhooks_with_a_bad_signature_are_400_and_change_nothing(
    attendee_client, stripe_on, api_client, signature
):
    event = paid_event()
    booking_id = book(attendee_client, event, payment_method="stripe").json()["id"]
    body = stripe_event(
        "payment_intent.succeeded",
        {"id": "pi_x", "amount": 2500, "currency": "eur", "metadata": {"booking": str(booking_id)}},
    )
    header = {
        "forged": signature_for(body + b" "),
        "another-secret": signature_for(body, secret="whsec_someone_else"),
        "stale": signature_for(body, at=int(timezone.now().timestamp()) - 301),
    }.get(signature, signature)
    response = deliver(api_client, body, signature=header)
    assert response.status_code == 400 and response.json()["code"] == "invalid_signature"
    assert Booking.objects.get(id=booking_id).status == "pending_payment"


def test_a_payment_failed_webhook_marks_the_attempt_failed(attendee_client, stripe_on, api_client):
    event = paid_event()
    booking_id = book(attendee_client, event, payment_method="stripe").json()["id"]
    Booking.objects.filter(id=booking_id).update(stripe_payment_intent="pi_failing")
    body = stripe_event(
        "payment_intent.payment_failed",
        {"id": "pi_failing", "metadata": {"booking": str(booking_id)}},
    )
    assert deliver(api_client, body).status_code == 200
    assert Booking.objects.get(id=booking_id).payment_status == "failed"


def test_a_second_card_payment_of_a_paid_booking_is_refunded(
    attendee_client, stripe_on, api_client
):
    """Two pay requests at once can both charge: the one that did not confirm goes back."""
    event = paid_event()
    booking_id = book(attendee_client, event, payment_method="stripe").json()["id"]
    attendee_client.post(
        f"/api/bookings/{booking_id}/pay/",
        {"payment_method": card_payment_method(stripe_on, CARD_SUCCEEDS)},
        format="json",
    )
    import stripe

    from common.tests.localstripe import TEST_SECRET_KEY

    client = stripe.StripeClient(TEST_SECRET_KEY, base_addresses={"api": stripe_on})
    second = client.v1.payment_intents.create(
        params={
            "amount": 2500,
            "currency": "eur",
            "payment_method": card_payment_method(stripe_on, CARD_SUCCEEDS),
            "confirm": True,
            "metadata": {"booking": str(booking_id)},
        }
    )
    body = stripe_event(
        "payment_intent.succeeded", {"id": second.id, "metadata": {"booking": str(booking_id)}}
    )
    assert deliver(api_client, body).status_code == 200
    from common.outbox import outbox_drain

    outbox_drain()
    refunds = client.v1.refunds.list(params={"payment_intent": second.id}).data
    assert [r.amount for r in refunds] == [2500]
    assert Booking.objects.get(id=booking_id).payment_status == "paid"
