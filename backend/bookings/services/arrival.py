"""A booking's money arriving (card, Stripe's webhook, asked of Stripe, or marked by the
organizer): `booking_payment_arrived` confirms once however often it is called; a payment
that cannot confirm goes back with its true reason."""

from __future__ import annotations

import logging
from typing import Any

from django.utils import timezone

from common.db import atomic_with_retry
from events.models import EventStatus
from events.services.locking import event_lock

from .. import notifications
from ..models import Booking, BookingStatus, PaymentStatus, Ticket, TicketStatus
from ..stripe_api import Charged
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


def _why_not_confirmed(booking: Booking) -> str:
    """The true reason a payment that arrived goes back (the refund e-mail says it)."""
    if booking.status == BookingStatus.EXPIRED:
        return "late_payment"
    if booking.event.status == EventStatus.CANCELLED:
        return "event_cancelled"
    return "cancelled"


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
            refund_queue(booking, reason=_why_not_confirmed(booking))
        return booking

    return atomic_with_retry(apply)
