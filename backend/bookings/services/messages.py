"""The organizer writing to every holder of a valid ticket: logged on the event, and one
e-mail per booking queued in the same transaction (the worker sends them)."""

from __future__ import annotations

from common.db import atomic_with_retry
from events.models import Event, EventMessage, EventStatus
from events.notifications import event_notice_queue
from events.services.locking import event_locked
from users.models import User
from users.permissions import require_confirmed_email

from ..errors import EventNotPublished
from ..models import Booking, BookingStatus


def event_message_send(*, event: Event, sender: User, subject: str, body: str) -> EventMessage:
    """Sent in the sender's name: only from a confirmed address."""
    require_confirmed_email(sender)

    def apply() -> EventMessage:
        locked = event_locked(event.id)
        if locked.status != EventStatus.PUBLISHED:
            raise EventNotPublished()
        booking_ids = list(
            Booking.objects.filter(event=locked, status=BookingStatus.CONFIRMED)
            .order_by("id")
            .values_list("id", flat=True)
        )
        message = EventMessage.objects.create(
            event=locked, sender=sender, subject=subject, body=body, recipients=len(booking_ids)
        )
        event_notice_queue(
            event=locked,
            kind="message",
            lines=[subject, *body.splitlines()],
            booking_ids=booking_ids,
        )
        return message

    return atomic_with_retry(apply)
