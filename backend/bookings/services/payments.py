"""Money coming in. A priced booking is `pending_payment` with a hold; the payment arrives by
card (`booking_pay`, Stripe's webhook) or is marked by the organizer (`booking_mark_paid`);
all of them end in `booking_payment_arrived`, which confirms once however often it is
called. The organizer marks a manual refund done with `booking_mark_refunded`."""

from __future__ import annotations

import logging
from typing import Any

import stripe
from django.db.models import F

from common.db import atomic_with_retry
from common.exceptions import InvalidInput
from events.errors import PaymentMethodUnavailable
from events.models import PaymentMethod
from events.payment_methods import stripe_enabled

from .. import stripe_api
from ..errors import (
    HoldExpired,
    NotRefundable,
    PaymentDeclined,
    PaymentNotExpected,
    PaymentProviderError,
)
from ..models import Booking, BookingStatus, PaymentStatus
from .arrival import PENDING_OR_FAILED, booking_payment_arrived
from .holds import booking_expire

logger = logging.getLogger(__name__)


def booking_mark_paid(*, booking: Booking) -> Booking:
    """The organizer received a manual payment (bank transfer, box office)."""
    if booking.payment_method != PaymentMethod.MANUAL or booking.payment_status not in (
        PENDING_OR_FAILED
    ):
        raise PaymentNotExpected()
    return booking_payment_arrived(booking_id=booking.id) or booking


def booking_mark_refunded(*, booking: Booking) -> Booking:
    """The organizer paid a manual payment back."""

    def apply() -> None:
        done = Booking.objects.filter(
            id=booking.id,
            payment_method=PaymentMethod.MANUAL,
            payment_status=PaymentStatus.REFUND_PENDING,
        ).update(payment_status=PaymentStatus.REFUNDED, refunded_amount=F("total_amount"))
        if not done:
            raise NotRefundable()

    atomic_with_retry(apply)
    booking.refresh_from_db()
    return booking


def _check_payable_by_card(booking: Booking) -> None:
    if booking.hold_ended:
        booking_expire(booking_id=booking.id)
        booking.refresh_from_db()
    if booking.status == BookingStatus.EXPIRED:
        raise HoldExpired()
    if (
        booking.status != BookingStatus.PENDING_PAYMENT
        or booking.payment_status not in PENDING_OR_FAILED
    ):
        raise PaymentNotExpected()
    if booking.payment_method != PaymentMethod.STRIPE or not stripe_enabled():
        raise PaymentMethodUnavailable("This booking is not paid by card.")


def _intent_for(booking: Booking, payment_method_id: str) -> stripe_api.IntentResult:
    Booking.objects.filter(id=booking.id).update(payment_attempts=F("payment_attempts") + 1)
    attempt = Booking.objects.values_list("payment_attempts", flat=True).get(id=booking.id)
    try:
        return stripe_api.payment_intent_create(
            amount=booking.total_amount - booking.refunded_amount,
            currency=booking.currency,
            payment_method=payment_method_id,
            booking_id=booking.id,
            attempt=attempt,
            description=f"QR-Entry booking {booking.id}: {booking.event.title}",
        )
    except stripe.InvalidRequestError as error:
        raise InvalidInput(
            "The card could not be used.",
            fields={"payment_method": [error.user_message or "Not a usable payment method."]},
        ) from error
    except stripe.StripeError as error:
        logger.warning("Stripe failed for booking %s: %s", booking.id, error)
        raise PaymentProviderError() from error


def booking_pay(*, booking: Booking, payment_method_id: str) -> Booking:
    """Pay a pending booking by card: create and confirm a PaymentIntent with the card the
    buyer's page tokenised. Succeeded: confirmed now. 3-D Secure: the booking keeps its
    hold and answers the client secret for the page. Declined: 402, retry allowed while the
    hold lasts. No database lock is held while Stripe answers."""
    _check_payable_by_card(booking)
    result = _intent_for(booking, payment_method_id)
    if result.status == "succeeded":
        return booking_payment_arrived(booking_id=booking.id, intent_id=result.intent_id) or booking
    fields: dict[str, Any] = {}
    if result.intent_id:
        fields["stripe_payment_intent"] = result.intent_id
    waiting = Booking.objects.filter(id=booking.id, payment_status__in=PENDING_OR_FAILED)
    if result.status == "requires_action":
        waiting.update(
            payment_status=PaymentStatus.PENDING,
            stripe_client_secret=result.client_secret,
            **fields,
        )
        booking.refresh_from_db()
        return booking
    waiting.update(payment_status=PaymentStatus.FAILED, stripe_client_secret="", **fields)
    raise PaymentDeclined(result.decline_message or None)
