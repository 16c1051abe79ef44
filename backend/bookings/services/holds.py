"""Holds: a priced booking keeps its seats until `expires_at`; unpaid by then it ends
(`expired`), its seats go back and its PaymentIntent is called off. Nothing is deleted.

Ended holds are released by the periodic sweep, by the next booking of their event that finds
no room, and by a write on the booking itself (pay, cancel). Reads never write: an ended hold
reads as expired (bookings.serializers) until one of these releases it."""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone

from common.db import atomic_with_retry
from common.jobs import every
from events.services.locking import event_lock

from ..models import Booking, BookingStatus, PaymentStatus
from .refunds import intent_cancel_queue
from .seats import booking_seats_release
from .settle import card_payment_settle_before_ending
from .waiting_offers import waiting_list_sweep

HOLD_SWEEP_BATCH = 500


def booking_expire(*, booking_id: int) -> bool:
    """End the hold of an unpaid booking past its `expires_at`: its seats go back, its
    PaymentIntent is cancelled. The row stays (status `expired`). False when it was not due,
    or when Stripe says (or cannot say whether) its card payment went through: a charged
    buyer's seats are never released (settle: the sweep asks again)."""
    booking = Booking.objects.filter(id=booking_id).first()
    if booking is None or not card_payment_settle_before_ending(booking):
        return False

    def apply() -> bool:
        event_lock(booking.event_id)
        flipped = Booking.objects.filter(
            id=booking_id,
            status=BookingStatus.PENDING_PAYMENT,
            expires_at__lte=timezone.now(),
        ).update(
            status=BookingStatus.EXPIRED,
            active=None,
            payment_status=PaymentStatus.FAILED,
            stripe_client_secret="",
        )
        if flipped:
            booking_seats_release(booking)
            intent_cancel_queue(booking_id)
        return bool(flipped)

    return atomic_with_retry(apply)


def booking_expire_due(*, event_id: int | None = None, user_id: int | None = None) -> int:
    """Expire the holds that ended (of one event, of one attendee's bookings, or all)."""
    due = Booking.objects.filter(
        status=BookingStatus.PENDING_PAYMENT, expires_at__lte=timezone.now()
    )
    if event_id is not None:
        due = due.filter(event_id=event_id)
    if user_id is not None:
        due = due.filter(user_id=user_id)
    ids = list(due.order_by("expires_at").values_list("id", flat=True)[:HOLD_SWEEP_BATCH])
    return sum(booking_expire(booking_id=booking_id) for booking_id in ids)


@every(settings.QE_HOLD_SWEEP_SECONDS, name="bookings.expire_holds")
def booking_expire_sweep() -> int:
    """Holds that ended, and waiting-list offers that lapsed (their seats pass on)."""
    return booking_expire_due() + waiting_list_sweep()
