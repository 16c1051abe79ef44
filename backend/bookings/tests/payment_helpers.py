"""Helpers of the payment tests: paid events, bookings through the API, holds aged, and
webhook deliveries signed as Stripe signs them (HMAC-SHA256 of "timestamp.body" with the
endpoint secret)."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from bookings.models import Booking
from common.tests.localstripe import TEST_WEBHOOK_SECRET
from events.models import Event
from events.tests.factories import EventFactory

WEBHOOK = "/api/payments/stripe/webhook/"
BOOK = "/api/book-ticket/"


def paid_event(*, price="25.00", methods=("manual", "stripe"), **overrides) -> Event:
    return EventFactory(price=Decimal(price), payment_methods=list(methods), **overrides)


def signature_for(body: bytes, *, secret: str = TEST_WEBHOOK_SECRET, at: int | None = None):
    timestamp = int(time.time()) if at is None else at
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"t={timestamp},v1={digest.hexdigest()}"


def stripe_event(event_type: str, obj: dict, *, event_id: str = "evt_test_1") -> bytes:
    return json.dumps(
        {"id": event_id, "object": "event", "type": event_type, "data": {"object": obj}}
    ).encode()


def deliver(client, body: bytes, *, signature: str | None = None):
    """POST a webhook body as Stripe does: raw JSON with its Stripe-Signature header."""
    return client.generic(
        "POST",
        WEBHOOK,
        body,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=signature if signature is not None else signature_for(body),
    )


def book(client, event, **body):
    body = {"event": event.id, **body}
    if "items" not in body and "quantity" not in body:
        body["quantity"] = 1
    return client.post(BOOK, body, format="json")


def seats(event):
    event.refresh_from_db()
    return event.tickets_sold


def age_hold(booking_id):
    Booking.objects.filter(id=booking_id).update(expires_at=timezone.now() - timedelta(seconds=1))


def stripe_intent(base, intent_id):
    import stripe

    from common.tests.localstripe import TEST_SECRET_KEY

    client = stripe.StripeClient(TEST_SECRET_KEY, base_addresses={"api": base})
    return client.v1.payment_intents.retrieve(intent_id)
