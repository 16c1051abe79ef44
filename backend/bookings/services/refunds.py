"""Money going back, through the outbox: a card refund, a PaymentIntent called off, a duplicate
payment returned. Each is queued in the transaction of its cause and done by the worker
against Stripe, retrying until Stripe answers (the worker's side of calling a PaymentIntent
off is in settle: one found paid settles its booking)."""

from __future__ import annotations

from common.outbox import handles, outbox_put
from events.models import PaymentMethod

from .. import notifications, stripe_api
from ..models import Booking, PaymentStatus

STRIPE_REFUND = "bookings.stripe_refund"
STRIPE_CANCEL_INTENT = "bookings.stripe_cancel_intent"
STRIPE_REFUND_INTENT = "bookings.stripe_refund_duplicate"


def refund_queue(booking: Booking, *, reason: str) -> None:
    """In the caller's transaction: refund a card payment through the worker (a manual one
    waits for the organizer), and tell the buyer why."""
    if booking.payment_method == PaymentMethod.STRIPE and booking.stripe_payment_intent:
        outbox_put(
            topic=STRIPE_REFUND,
            payload={"booking": booking.id},
            dedupe_key=f"stripe-refund:{booking.id}",
        )
    notifications.booking_refund_notice_queue(booking=booking, reason=reason)


def intent_cancel_queue(booking_id: int) -> None:
    """In the caller's transaction: call off the booking's PaymentIntent, if it has one."""
    intent = (
        Booking.objects.filter(id=booking_id)
        .values_list("stripe_payment_intent", flat=True)
        .first()
    )
    if intent:
        outbox_put(
            topic=STRIPE_CANCEL_INTENT,
            payload={"intent": intent},
            dedupe_key=f"stripe-cancel:{intent}",
        )


def duplicate_payment_refund_queue(intent_id: str) -> None:
    """A second card payment of a booking already paid (two pay requests at once): that one
    goes back in full."""
    outbox_put(
        topic=STRIPE_REFUND_INTENT,
        payload={"intent": intent_id},
        dedupe_key=f"stripe-refund-intent:{intent_id}",
    )


@handles(STRIPE_REFUND)
def stripe_refund_send(payload: dict) -> None:
    """The worker's side of a card refund: the Refund API (idempotent per booking), then the
    booking marked refunded. Retried by the outbox until Stripe answers."""
    booking = Booking.objects.get(id=payload["booking"])
    if booking.payment_status != PaymentStatus.REFUND_PENDING:
        return
    refunded = stripe_api.refund_create(
        intent_id=booking.stripe_payment_intent,
        amount=booking.total_amount - booking.refunded_amount,
        currency=booking.currency,
        key=f"qe-refund-{booking.id}",
    )
    Booking.objects.filter(id=booking.id, payment_status=PaymentStatus.REFUND_PENDING).update(
        payment_status=PaymentStatus.REFUNDED,
        refunded_amount=min(booking.refunded_amount + refunded, booking.total_amount),
    )


@handles(STRIPE_REFUND_INTENT)
def stripe_duplicate_refund_send(payload: dict) -> None:
    stripe_api.refund_intent_in_full(intent_id=payload["intent"])
