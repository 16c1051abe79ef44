"""Money coming in. A priced booking is `pending_payment` with a hold; the payment arrives by
card (`booking_pay`, Stripe's webhook) or is marked by the organizer (`booking_mark_paid`);
all of them end in `booking_payment_arrived`, which confirms once however often it is
called. The organizer marks a manual refund done with `booking_mark_refunded`."""

from __future__ import annotations

import logging
from typing import Any

import stripe
from django.db.models import F
from django.utils import timezone

from common.db import atomic_with_retry
from common.exceptions import InvalidInput
from events.errors import PaymentMethodUnavailable
from events.models import PaymentMethod
from events.payment_methods import stripe_enabled
from events.services.locking import event_lock

from .. import notifications, stripe_api
from ..errors import (
    HoldExpired,
    NotRefundable,
    PaymentDeclined,
    PaymentNotExpected,
    PaymentProviderError,
)
from ..models import Booking, BookingStatus, PaymentStatus, Ticket, TicketStatus
from ..stripe_api import Charged
from .holds import booking_expire
from .manual_holds import manual_hold_give_back
from .refunds import duplicate_payment_refund_queue, refund_queue
from .seats import booking_seats_retake

logger = logging.getLogger(__name__)

PENDING_OR_FAILED = (PaymentStatus.PENDING, PaymentStatus.FAILED)
# Payment states after which a payment arriving changes nothing.
SETTLED = (
    PaymentStatus.PAID,
    PaymentStatus.REFUND_PENDING,
    PaymentStatus.REFUNDED,
    PaymentStatus.NOT_REQUIRED,
)


def _confirm_locked(booking: Booking, intent_id: str | None) -> bool:
    """Under the event and booking locks: the payment's fields written and the booking
    confirmed (again, after an ended hold, if its seats can be taken again). False when it
    cannot be: the money then goes back."""
    fields: dict[str, Any] = {"paid_at": timezone.now(), "stripe_client_secret": ""}
    if intent_id:
        fields["stripe_payment_intent"] = intent_id
    if booking.status == BookingStatus.PENDING_PAYMENT:
        Booking.objects.filter(id=booking.id).update(
            status=BookingStatus.CONFIRMED, payment_status=PaymentStatus.PAID, **fields
        )
        manual_hold_give_back(booking)
        return True
    if booking.status == BookingStatus.EXPIRED and booking_seats_retake(booking):
        Booking.objects.filter(id=booking.id).update(payment_status=PaymentStatus.PAID, **fields)
        return True
    Booking.objects.filter(id=booking.id).update(
        payment_status=PaymentStatus.REFUND_PENDING, **fields
    )
    return False


def _wrong_amount_flag(booking: Booking, intent_id: str | None, charged: Charged) -> None:
    """A payment that is not the booking's price confirms nothing: the organizer is shown it
    (`payment.problem`) and settles it in Stripe."""
    Booking.objects.filter(id=booking.id).update(
        payment_problem=(
            f"A card payment of {charged.text()} ({intent_id or 'no PaymentIntent id'}) arrived"
            f" for this booking of {booking.total_amount - booking.refunded_amount}"
            f" {booking.currency}: it did not confirm the booking. Check it in Stripe."
        )[:300]
    )
    logger.warning("Booking %s: a payment of %s arrived", booking.id, charged.text())


def booking_payment_arrived(
    *, booking_id: int, intent_id: str | None = None, charged: Charged | None = None
) -> Booking | None:
    """The money of a booking arrived (card, or marked by the organizer). Confirms a pending
    booking and issues its tickets, once however many times it is called (the `pay` answer
    and the webhook race). After the hold ended it confirms if the seats can be taken again,
    else the payment is refunded and the buyer told. A card payment (`charged`) of another
    amount or currency than the booking's confirms nothing: it is flagged."""
    event_id = Booking.objects.filter(id=booking_id).values_list("event_id", flat=True).first()
    if event_id is None:
        return None

    def apply() -> Booking:
        event_lock(event_id)
        booking = Booking.objects.select_for_update().get(id=booking_id)
        if booking.payment_status in SETTLED:
            if intent_id and booking.stripe_payment_intent not in (None, intent_id):
                duplicate_payment_refund_queue(intent_id)
            return booking  # already done: a repeated delivery
        owed = booking.total_amount - booking.refunded_amount
        if charged is not None and not charged.matches(owed, booking.currency):
            _wrong_amount_flag(booking, intent_id, charged)
            return booking
        confirmed = _confirm_locked(booking, intent_id)
        booking.refresh_from_db()
        if confirmed:
            # changed_at: the door kits pick the newly valid tickets up by cursor.
            Ticket.objects.filter(booking_id=booking.id).update(
                status=TicketStatus.VALID, changed_at=timezone.now()
            )
            notifications.booking_confirmation_queue(booking=booking)
        else:
            refund_queue(booking, reason="late_payment")
        return booking

    return atomic_with_retry(apply)


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
