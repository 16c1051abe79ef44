"""An event's transitions, each with its own rules: draft -> published -> draft, and the
event's side of a cancellation (the bookings app runs the whole cascade: refunds, voided
tickets, the holders' e-mail, in the same transaction)."""

from __future__ import annotations

from django.utils import timezone

from common.db import atomic_with_retry
from common.exceptions import NotFound
from users.permissions import require_verified_email

from ..errors import EventHasSales, EventInPast, PaymentInstructionsRequired
from ..models import Event, EventStatus, PaymentMethod, TicketType
from ..payment_methods import enabled_payment_methods
from .codes import codes_all_released
from .locking import event_locked
from .seats import seats_all_released


def check_publishable(event: Event) -> None:
    if event.starts_at <= timezone.now():
        raise EventInPast()
    require_verified_email(event.organizer)


def _is_paid(event: Event) -> bool:
    if event.pk is None:  # being created: its one type will have the event's price
        return event.price > 0
    return TicketType.objects.filter(event_id=event.pk, price__gt=0).exists()


def check_payment_instructions(event: Event) -> None:
    """A paid event whose buyers can only pay by hand (bank transfer, box office) says how:
    without instructions they read "contact the organizer" and have no contact."""
    methods = set(event.payment_methods) & set(enabled_payment_methods())
    if methods != {PaymentMethod.MANUAL} or event.payment_instructions.strip():
        return
    if _is_paid(event):
        raise PaymentInstructionsRequired(
            fields={
                "payment_instructions": [
                    "Say how to pay (bank account and reference, or the box office) before "
                    "publishing: buyers can pay no other way."
                ]
            }
        )


def check_publishable_now(event: Event) -> None:
    """What publishing (a new event, or a draft) asks beyond check_publishable."""
    check_publishable(event)
    check_payment_instructions(event)


def event_publish(*, event_id: int) -> Event:
    """Draft -> published: listed and open for booking. Only for an event still ahead."""

    def apply() -> Event:
        event = event_locked(event_id)
        if event.status == EventStatus.PUBLISHED:
            return event
        check_publishable_now(event)
        event.status = EventStatus.PUBLISHED
        event.save(update_fields=["status", "updated_at"])
        return event

    return atomic_with_retry(apply)


def event_unpublish(*, event_id: int) -> Event:
    """Published -> draft: off the list. Only while nothing is sold (else cancel it)."""

    def apply() -> Event:
        event = event_locked(event_id)
        if event.status == EventStatus.DRAFT:
            return event
        if event.tickets_sold:
            raise EventHasSales()
        event.status = EventStatus.DRAFT
        event.save(update_fields=["status", "updated_at"])
        return event

    return atomic_with_retry(apply)


def event_cancel_lock(*, event_id: int) -> Event:
    """In the cancellation's transaction, first: the event row, locked (cancelled or not:
    cancelling again changes nothing, the caller sees the status)."""
    event = Event.objects.select_for_update().filter(id=event_id).first()
    if event is None:
        raise NotFound("No such event.")
    return event


def event_mark_cancelled(*, event: Event) -> Event:
    """In the cancellation's transaction, after the caller ended every booking: the event is
    cancelled for good, nothing of it is sold or inside any more."""
    seats_all_released(event_id=event.id)
    codes_all_released(event_id=event.id)
    event.status = EventStatus.CANCELLED
    event.tickets_sold = 0
    event.checked_in_count = 0
    event.inside_count = 0
    event.save(
        update_fields=["status", "tickets_sold", "checked_in_count", "inside_count", "updated_at"]
    )
    return event
