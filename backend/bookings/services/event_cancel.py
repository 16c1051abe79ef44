"""Cancelling an event, with its whole cascade, in one transaction: every booking cancelled
(paid ones refunded, pending payments called off), every ticket voided, the event's counters
back to zero, and every holder told why. It crosses from the event to what was sold for it,
so this app (above events) runs it."""

from __future__ import annotations

from django.utils import timezone

from common.db import atomic_with_retry
from events.models import Event, EventStatus, PaymentMethod
from events.notifications import event_notice_queue
from events.services import event_cancel_lock, event_mark_cancelled

from ..models import (
    ENDED_STATUSES,
    Booking,
    BookingStatus,
    CancelledBy,
    PaymentStatus,
    Ticket,
    TicketStatus,
)
from .refunds import intent_cancel_queue, refund_queue
from .settle import card_payment_settle_before_ending
from .waiting_offers import waiting_list_close


def _money_back(live) -> None:
    """Every paid booking refunded, every pending payment called off."""
    for booking in live.filter(payment_status=PaymentStatus.PAID):
        booking.payment_status = PaymentStatus.REFUND_PENDING
        refund_queue(booking, reason="event_cancelled")
    live.filter(payment_status=PaymentStatus.PAID).update(
        payment_status=PaymentStatus.REFUND_PENDING
    )
    for booking_id in live.filter(payment_status=PaymentStatus.PENDING).values_list(
        "id", flat=True
    ):
        intent_cancel_queue(booking_id)
    live.filter(payment_status=PaymentStatus.PENDING).update(
        payment_status=PaymentStatus.FAILED, stripe_client_secret=""
    )


def event_cancel(*, event_id: int, reason: str = "") -> Event:
    """Cancel an event and everything sold for it; the holders are told why (`reason`).
    Final: a cancelled event changes no more. Cancelling it again changes nothing. Card
    payments still pending are asked of Stripe first, so a buyer whose money came is
    refunded and told so, never told that nothing was charged."""
    for booking in Booking.objects.filter(
        event_id=event_id,
        status=BookingStatus.PENDING_PAYMENT,
        payment_method=PaymentMethod.STRIPE,
        stripe_payment_intent__isnull=False,
    ):
        card_payment_settle_before_ending(booking)

    def apply() -> Event:
        event = event_cancel_lock(event_id=event_id)
        if event.status == EventStatus.CANCELLED:
            return event
        now = timezone.now()
        live = Booking.objects.filter(event_id=event_id).exclude(status__in=ENDED_STATUSES)
        _money_back(live)
        booking_ids = list(live.order_by("id").values_list("id", flat=True))
        live.update(
            status=BookingStatus.CANCELLED,
            active=None,
            cancelled_at=now,
            cancelled_by=CancelledBy.ORGANIZER,
        )
        Ticket.objects.filter(event_id=event_id).exclude(
            status__in=(TicketStatus.CANCELLED, TicketStatus.REVOKED)
        ).update(status=TicketStatus.CANCELLED, inside=False, changed_at=now)
        waiting_list_close(event_id=event_id)
        event = event_mark_cancelled(event=event)
        if booking_ids:
            event_notice_queue(
                event=event,
                kind="cancelled",
                lines=[
                    f"We are sorry: the organizer has cancelled {event.title}.",
                    *([f"The organizer says: {reason}"] if reason else []),
                    "Your booking is cancelled and its tickets no longer admit anyone.",
                ],
                booking_ids=booking_ids,
            )
        return event

    return atomic_with_retry(apply)
