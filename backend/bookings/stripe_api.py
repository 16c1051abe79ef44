"""The Stripe side of payments, through the official SDK: one place that knows its calls,
amounts in minor units and its errors. No database here: bookings.services decides.

Stripe is offered only when both keys are configured (events.payment_methods.stripe_enabled).
Every call goes to STRIPE_API_BASE, so tests run it against localstripe.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import stripe
from django.conf import settings

# ISO 4217 currencies Stripe takes in whole units (no cents): amount 500 JPY is 500, not 50000.
ZERO_DECIMAL_CURRENCIES = frozenset(
    [
        "BIF",
        "CLP",
        "DJF",
        "GNF",
        "JPY",
        "KMF",
        "KRW",
        "MGA",
        "PYG",
        "RWF",
        "UGX",
        "VND",
        "VUV",
        "XAF",
        "XOF",
        "XPF",
    ]
)


def minor_units(amount: Decimal, currency: str) -> int:
    """The integer Stripe expects for `amount` of `currency`."""
    if currency.upper() in ZERO_DECIMAL_CURRENCIES:
        return int(amount.quantize(Decimal("1"), rounding=ROUND_HALF_UP))
    return int((amount * 100).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def from_minor_units(amount: int, currency: str) -> Decimal:
    if currency.upper() in ZERO_DECIMAL_CURRENCIES:
        return Decimal(amount)
    return (Decimal(amount) / 100).quantize(Decimal("0.01"))


def _client() -> stripe.StripeClient:
    return stripe.StripeClient(
        settings.STRIPE_SECRET_KEY,
        base_addresses={"api": settings.STRIPE_API_BASE},
        max_network_retries=2,
    )


@dataclass(frozen=True)
class IntentResult:
    """What a PaymentIntent said: succeeded, requires_action (with the client secret for the
    3-D Secure step), or declined (with Stripe's message)."""

    intent_id: str | None
    status: str
    client_secret: str = ""
    decline_message: str = ""


def payment_intent_create(
    *,
    amount: Decimal,
    currency: str,
    payment_method: str,
    booking_id: int,
    attempt: int,
    description: str,
) -> IntentResult:
    """Create and confirm a PaymentIntent with the card the buyer's page tokenised (Stripe's
    "finalize payments on the server" flow). The idempotency key is per booking and attempt,
    so a retried request never charges twice."""
    try:
        intent = _client().v1.payment_intents.create(
            params={
                "amount": minor_units(amount, currency),
                "currency": currency.lower(),
                "payment_method": payment_method,
                "confirm": True,
                # (localstripe takes no `description`; metadata carries what we need.)
                "metadata": {
                    "booking": str(booking_id),
                    "attempt": str(attempt),
                    "event": description[:450],
                },
            },
            options={"idempotency_key": f"qe-booking-{booking_id}-attempt-{attempt}"},
        )
    except stripe.CardError as error:
        intent_id = None
        body = error.json_body or {}
        intent = (body.get("error") or {}).get("payment_intent") or {}
        intent_id = intent.get("id")
        return IntentResult(
            intent_id=intent_id,
            status="declined",
            decline_message=error.user_message or "The card was declined.",
        )
    return IntentResult(
        intent_id=intent.id,
        status=intent.status,
        client_secret=intent.client_secret or "",
    )


@dataclass(frozen=True)
class Charged:
    """What a PaymentIntent took: its amount in minor units and its currency (lower case)."""

    amount: int | None
    currency: str

    @classmethod
    def of(cls, intent: Any) -> Charged:
        """From a PaymentIntent (the SDK's object or a webhook's dict)."""

        def field(name: str) -> Any:
            if isinstance(intent, dict):
                return intent.get(name)
            return getattr(intent, name, None)

        amount = field("amount_received") or field("amount")
        return cls(
            amount=amount if isinstance(amount, int) else None,
            currency=str(field("currency") or "").lower(),
        )

    def matches(self, amount: Decimal, currency: str) -> bool:
        return self.amount == minor_units(amount, currency) and self.currency == currency.lower()

    def text(self) -> str:
        if self.amount is None:
            return f"an unknown amount of {self.currency.upper() or 'an unknown currency'}"
        return f"{from_minor_units(self.amount, self.currency)} {self.currency.upper()}"


@dataclass(frozen=True)
class IntentState:
    """A PaymentIntent as Stripe has it now."""

    intent_id: str
    status: str
    charged: Charged
    client_secret: str = ""


def payment_intent_read(*, intent_id: str) -> IntentState:
    """Ask Stripe where a PaymentIntent stands (when a webhook may not have come)."""
    intent = _client().v1.payment_intents.retrieve(intent_id)
    return IntentState(
        intent_id=intent.id,
        status=intent.status,
        charged=Charged.of(intent),
        client_secret=intent.client_secret or "",
    )


def payment_intent_cancel(*, intent_id: str) -> str:
    """Cancel a PaymentIntent that will not be paid (hold ended, booking cancelled). One that
    already ended (succeeded, cancelled) is left as it is. Returns its status: `succeeded`
    means the money came after all (the caller settles the booking)."""
    client = _client()
    intent = client.v1.payment_intents.retrieve(intent_id)
    if intent.status in ("succeeded", "canceled"):
        return intent.status
    return client.v1.payment_intents.cancel(intent_id).status


def refund_create(*, intent_id: str, amount: Decimal, currency: str, key: str) -> Decimal:
    """Refund `amount` of a PaymentIntent; returns the amount refunded. Idempotent by `key`."""
    refund = _client().v1.refunds.create(
        params={"payment_intent": intent_id, "amount": minor_units(amount, currency)},
        options={"idempotency_key": key},
    )
    return from_minor_units(refund.amount, currency)


def refund_intent_in_full(*, intent_id: str) -> None:
    """Give back everything a PaymentIntent took (a duplicate payment). Idempotent."""
    _client().v1.refunds.create(
        params={"payment_intent": intent_id},
        options={"idempotency_key": f"qe-refund-intent-{intent_id}"},
    )


class InvalidSignature(Exception):
    pass


# Stripe's default tolerance: a delivery signed more than 5 minutes before (a replay) or after
# (a forged clock) now is refused.
WEBHOOK_TOLERANCE_SECONDS = 300


def _signed_at(signature: str) -> int:
    """The `t=` timestamp of a Stripe-Signature header (already verified by the SDK)."""
    for part in signature.split(","):
        key, _, value = part.strip().partition("=")
        if key == "t":
            return int(value)
    raise ValueError("No timestamp in the signature.")


def webhook_event_read(*, payload: bytes, signature: str) -> dict[str, Any]:
    """The event a webhook delivered, verified on the raw body against STRIPE_WEBHOOK_SECRET,
    and refused when signed more than 5 minutes from now either way: the SDK refuses only the
    old ones, and a timestamp from the future would outlive any replay window."""
    if not settings.STRIPE_WEBHOOK_SECRET:
        raise InvalidSignature("No webhook secret is configured.")
    try:
        stripe.Webhook.construct_event(
            payload, signature, settings.STRIPE_WEBHOOK_SECRET, tolerance=WEBHOOK_TOLERANCE_SECONDS
        )
        if _signed_at(signature) > time.time() + WEBHOOK_TOLERANCE_SECONDS:
            raise InvalidSignature("The signature's timestamp is in the future.")
        event = json.loads(payload)
    except (stripe.SignatureVerificationError, ValueError) as error:
        raise InvalidSignature(str(error)) from error
    if not isinstance(event, dict) or not isinstance(event.get("id"), str):
        raise InvalidSignature("Not a Stripe event.")
    return event
