"""Money is never lost: the server asks Stripe whenever it must know and a webhook may not
have come. When the buyer's page returns from 3-D Secure (`booking_card_payment_confirm`),
before a pending card booking is expired or cancelled (`card_payment_settle_before_ending`),
when the worker finds a PaymentIntent it was to call off already paid, and in a periodic
sweep of the card payments still pending (`card_payments_sweep`)."""

from __future__ import annotations

import logging

import stripe
from django.conf import settings

from common.jobs import every
from common.outbox import handles
from events.models import PaymentMethod

from .. import stripe_api
from ..errors import PaymentProviderError
from ..models import Booking, BookingStatus, PaymentStatus
from .arrival import PENDING_OR_FAILED, booking_payment_arrived
from .refunds import STRIPE_CANCEL_INTENT

logger = logging.getLogger(__name__)

PAYMENT_SWEEP_BATCH = 100
# PaymentIntent states in which no money was taken and none will be without the buyer.
_FAILED = ("requires_payment_method", "canceled")


def _apply(booking: Booking, intent: stripe_api.IntentState) -> None:
    if intent.status == "succeeded":
        booking_payment_arrived(
            booking_id=booking.id, intent_id=intent.intent_id, charged=intent.charged
        )
    elif intent.status in _FAILED:
        Booking.objects.filter(
            id=booking.id,
            stripe_payment_intent=intent.intent_id,
            payment_status=PaymentStatus.PENDING,
        ).update(payment_status=PaymentStatus.FAILED, stripe_client_secret="")


def card_payment_settle(*, booking_id: int) -> Booking | None:
    """Ask Stripe about the booking's latest PaymentIntent and settle the booking as Stripe
    says: paid (confirmed, or refunded with its reason when it can no longer be), failed, or
    still waiting. PaymentProviderError when Stripe does not answer."""
    booking = Booking.objects.filter(id=booking_id).first()
    if (
        booking is None
        or booking.payment_method != PaymentMethod.STRIPE
        or not booking.stripe_payment_intent
        or booking.payment_status not in PENDING_OR_FAILED
    ):
        return booking
    try:
        intent = stripe_api.payment_intent_read(intent_id=booking.stripe_payment_intent)
    except stripe.StripeError as error:
        logger.warning("Stripe did not say how booking %s stands: %s", booking.id, error)
        raise PaymentProviderError("The payment provider could not be asked; try again.") from error
    _apply(booking, intent)
    booking.refresh_from_db()
    return booking


def booking_card_payment_confirm(*, booking: Booking) -> Booking:
    """The buyer's page is back from 3-D Secure (or asks again): the server asks Stripe and
    settles the booking, whether or not Stripe's webhook has come."""
    return card_payment_settle(booking_id=booking.id) or booking


def card_payment_settle_before_ending(booking: Booking) -> bool:
    """Before a pending card booking is expired or cancelled: has its money come after all?
    True when it may end now (Stripe says unpaid, or there is nothing to ask), False when
    it must not: paid meanwhile (now settled), or Stripe could not be asked (try later)."""
    if not (
        booking.status == BookingStatus.PENDING_PAYMENT
        and booking.payment_method == PaymentMethod.STRIPE
        and booking.stripe_payment_intent
    ):
        return True
    try:
        settled = card_payment_settle(booking_id=booking.id)
    except PaymentProviderError:
        return False
    return settled is not None and settled.status == BookingStatus.PENDING_PAYMENT


@every(settings.QE_PAYMENT_SWEEP_SECONDS, name="bookings.settle_card_payments")
def card_payments_sweep() -> int:
    """The card payments still pending, asked of Stripe (a webhook lost or late): returns how
    many were asked. Stops at the first failure to reach Stripe (the next round goes on)."""
    pending = (
        Booking.objects.filter(
            status=BookingStatus.PENDING_PAYMENT,
            payment_method=PaymentMethod.STRIPE,
            payment_status=PaymentStatus.PENDING,
            stripe_payment_intent__isnull=False,
        )
        .order_by("id")
        .values_list("id", flat=True)[:PAYMENT_SWEEP_BATCH]
    )
    asked = 0
    for booking_id in list(pending):
        try:
            card_payment_settle(booking_id=booking_id)
        except PaymentProviderError:
            break
        asked += 1
    return asked


@handles(STRIPE_CANCEL_INTENT)
def stripe_intent_cancel_send(payload: dict) -> None:
    """The worker calls off the PaymentIntent of a booking that ended unpaid. One that was
    paid meanwhile settles its booking (confirmed again if the seats can be, else refunded
    with the true reason): the money is never kept silently."""
    status = stripe_api.payment_intent_cancel(intent_id=payload["intent"])
    if status != "succeeded":
        return
    booking = Booking.objects.filter(stripe_payment_intent=payload["intent"]).first()
    if booking is not None:
        card_payment_settle(booking_id=booking.id)
