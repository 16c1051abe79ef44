"""Stripe's webhook: each delivery verified on the raw body, recorded once by its event id (a
unique row written in the transaction of its effect), then applied. Deliveries may repeat,
arrive out of order and in parallel."""

from __future__ import annotations

from collections.abc import Callable

from django.db import IntegrityError

from common.db import atomic_with_retry

from .. import stripe_api
from ..errors import InvalidSignature
from ..models import Booking, PaymentStatus, StripeEvent
from ..stripe_api import Charged
from .arrival import booking_payment_arrived
from .cancel import booking_refund_recorded


def stripe_webhook_receive(*, payload: bytes, signature: str) -> str:
    """One delivery: returns what happened, `processed`, `duplicate` or `ignored`."""
    try:
        event = stripe_api.webhook_event_read(payload=payload, signature=signature)
    except stripe_api.InvalidSignature as error:
        raise InvalidSignature() from error
    event_type = str(event.get("type", ""))
    data = (event.get("data") or {}).get("object") or {}

    def apply() -> str:
        StripeEvent.objects.create(event_id=event["id"], type=event_type[:100])
        handler = _HANDLERS.get(event_type)
        if handler is None:
            return "ignored"
        handler(data)
        return "processed"

    try:
        return atomic_with_retry(apply)
    except IntegrityError:
        if StripeEvent.objects.filter(event_id=event["id"]).exists():
            return "duplicate"
        raise


def _booking_id_of(intent: dict) -> int | None:
    raw = (intent.get("metadata") or {}).get("booking")
    try:
        return int(raw)
    except (TypeError, ValueError):
        return None


def _on_intent_succeeded(intent: dict) -> None:
    booking_id = _booking_id_of(intent)
    if booking_id is not None:
        booking_payment_arrived(
            booking_id=booking_id, intent_id=intent.get("id"), charged=Charged.of(intent)
        )


def _on_intent_failed(intent: dict) -> None:
    booking_id = _booking_id_of(intent)
    if booking_id is None:
        return
    Booking.objects.filter(
        id=booking_id,
        stripe_payment_intent=intent.get("id"),
        payment_status=PaymentStatus.PENDING,
    ).update(payment_status=PaymentStatus.FAILED, stripe_client_secret="")


def _on_charge_refunded(charge: dict) -> None:
    intent_id = charge.get("payment_intent")
    if intent_id:
        booking_refund_recorded(
            intent_id=intent_id, refunded_minor=int(charge.get("amount_refunded") or 0)
        )


_HANDLERS: dict[str, Callable[[dict], None]] = {
    "payment_intent.succeeded": _on_intent_succeeded,
    "payment_intent.payment_failed": _on_intent_failed,
    "charge.refunded": _on_charge_refunded,
}
