"""Cancelling one booking: its seats go back and its tickets are voided in one transaction; a
pending payment is called off, a paid one refunded (by card through the worker, a manual one
once the organizer marks it)."""

from __future__ import annotations

from django.utils import timezone

from common.db import atomic_with_retry
from events.permissions import may_manage
from events.services.locking import event_lock
from users.models import User

from .. import notifications
from ..errors import BookingCheckedIn, BookingHasTransfers, CancelClosed, NotAManualHold
from ..models import ENDED_STATUSES, Booking, BookingStatus, CancelledBy, PaymentStatus, Ticket
from ..stripe_api import from_minor_units
from .holds import booking_expire
from .manual_holds import holds_manual_seats
from .refunds import intent_cancel_queue, refund_queue
from .seats import booking_seats_release
from .settle import card_payment_settle_before_ending

# What a cancellation does to the payment: paid -> refunded (pending until done), pending ->
# called off.
_PAYMENT_AFTER_CANCEL = {
    PaymentStatus.PAID: PaymentStatus.REFUND_PENDING,
    PaymentStatus.PENDING: PaymentStatus.FAILED,
}


def _cancel_locked(booking_id: int, cancelled_by: str) -> None:
    """In the transaction, the event row locked first (as booking_create does)."""
    if Ticket.objects.filter(booking_id=booking_id, checked_in_at__isnull=False).exists():
        raise BookingCheckedIn()
    current = Booking.objects.select_for_update().get(id=booking_id)
    if current.status in ENDED_STATUSES:
        return
    # Under the booking's lock, which a transfer takes first: the buyer cannot cancel (and
    # be refunded for) a ticket that someone else now holds; the organizer can.
    transferred = Ticket.objects.filter(booking_id=booking_id).exclude(holder_email="")
    if cancelled_by == CancelledBy.ATTENDEE and transferred.exists():
        raise BookingHasTransfers()
    payment_status = _PAYMENT_AFTER_CANCEL.get(current.payment_status, current.payment_status)
    Booking.objects.filter(id=booking_id).update(
        status=BookingStatus.CANCELLED,
        active=None,
        cancelled_at=timezone.now(),
        cancelled_by=cancelled_by,
        payment_status=payment_status,
        stripe_client_secret="",
    )
    booking_seats_release(current)
    if current.payment_status == PaymentStatus.PAID:
        current.payment_status = payment_status
        refund_queue(current, reason="cancelled")
    elif current.status == BookingStatus.PENDING_PAYMENT:
        intent_cancel_queue(current.id)


def booking_cancel(*, booking: Booking, actor: User) -> Booking:
    """Cancel a booking. The attendee may cancel until the event's `attendee_cancel_until`
    (default: its start), the organizer any time. Idempotent: cancelling a cancelled booking
    changes nothing; a hold that ended is released as expired. A card payment still pending is
    asked of Stripe first: paid meanwhile, the booking is cancelled as paid (refunded)."""
    card_payment_settle_before_ending(booking)
    booking.refresh_from_db()
    if booking.hold_ended:
        booking_expire(booking_id=booking.id)
        booking.refresh_from_db()
    if booking.status in ENDED_STATUSES:
        return booking
    event = booking.event
    # Who did it, which the buyer sees: the organizer's side, or the buyer.
    cancelled_by = CancelledBy.ORGANIZER if may_manage(actor, event) else CancelledBy.ATTENDEE
    if cancelled_by == CancelledBy.ATTENDEE:
        until = event.attendee_cancel_until or event.starts_at
        if timezone.now() >= until:
            raise CancelClosed()

    def apply() -> None:
        event_lock(booking.event_id)
        _cancel_locked(booking.id, cancelled_by)

    atomic_with_retry(apply)
    booking.refresh_from_db()
    return booking


def _refund_recorded_locked(booking_id: int, refunded_minor: int) -> None:
    current = Booking.objects.select_for_update().get(id=booking_id)
    refunded = from_minor_units(refunded_minor, current.currency)
    refunded = min(max(refunded, current.refunded_amount), current.total_amount)
    if refunded < current.total_amount:
        Booking.objects.filter(id=booking_id).update(refunded_amount=refunded)
        return
    fields: dict = {"refunded_amount": refunded, "payment_status": PaymentStatus.REFUNDED}
    stands = current.status not in ENDED_STATUSES
    if stands:
        fields.update(
            status=BookingStatus.CANCELLED,
            active=None,
            cancelled_at=timezone.now(),
            cancelled_by=CancelledBy.ORGANIZER,
            stripe_client_secret="",
        )
    Booking.objects.filter(id=booking_id).update(**fields)
    if stands:
        booking_seats_release(current)
        notifications.booking_refund_notice_queue(booking=current, reason="refunded_by_organizer")


def booking_refund_recorded(*, intent_id: str, refunded_minor: int) -> None:
    """Stripe says `refunded_minor` (in all, in minor units) of a booking's card payment went
    back: a refund made here, or one the organizer made in Stripe's dashboard. A partial
    refund is recorded; a full one ends a booking that still stands as a cancellation here
    does (tickets voided, seats back, the holder told). The echo of a refund made here
    changes nothing more."""
    booking = Booking.objects.filter(stripe_payment_intent=intent_id).first()
    if booking is None:
        return

    def apply() -> None:
        event_lock(booking.event_id)
        _refund_recorded_locked(booking.id, refunded_minor)

    atomic_with_retry(apply)


def booking_hold_release(*, booking: Booking) -> Booking:
    """The organizer ends a hold awaiting a manual payment (hoarding, or a buyer who will not
    pay): cancelled by the organizer, its seats back on sale, the buyer told (no money had
    arrived: a booking marked paid is no hold)."""
    if booking.hold_ended:
        booking_expire(booking_id=booking.id)
        booking.refresh_from_db()

    def apply() -> None:
        event_lock(booking.event_id)
        current = Booking.objects.select_for_update().get(id=booking.id)
        if not holds_manual_seats(current):
            raise NotAManualHold()
        _cancel_locked(booking.id, CancelledBy.ORGANIZER)
        notifications.booking_hold_released_queue(booking=current)

    atomic_with_retry(apply)
    booking.refresh_from_db()
    return booking
