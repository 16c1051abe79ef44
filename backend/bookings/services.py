"""Booking writes. Seats are taken and given back by conditional writes on the event row, in
one short transaction that always locks the event row first (the same order everywhere, so
booking, cancelling and event cancellation never deadlock one another)."""

from __future__ import annotations

from decimal import Decimal

from django.db import IntegrityError
from django.db.models import F
from django.db.models.lookups import LessThanOrEqual
from django.utils import timezone

from common.db import atomic_with_retry
from common.exceptions import DomainError, InvalidInput
from events.models import Event, EventStatus
from users.models import User
from users.permissions import require_verified_email

from . import notifications
from .backup_codes import backup_code_new
from .models import Booking, BookingStatus, CancelledBy, Ticket, TicketStatus
from .ticket_codes import keyring


class SoldOut(DomainError):
    code = "sold_out"
    status_code = 409
    default_detail = "This event is sold out."


class CapacityExceeded(DomainError):
    code = "capacity_exceeded"
    status_code = 409
    default_detail = "Fewer tickets are left than you asked for."


class DuplicateBooking(DomainError):
    code = "duplicate_booking"
    status_code = 409
    default_detail = "You already have a booking for this event."


class EventNotBookable(DomainError):
    code = "event_not_bookable"
    status_code = 400
    default_detail = "This event cannot be booked."


class BookingCheckedIn(DomainError):
    code = "booking_checked_in"
    status_code = 409
    default_detail = "A ticket of this booking was already used at the door."


class IdempotencyKeyReused(DomainError):
    code = "idempotency_key_reused"
    status_code = 409
    default_detail = "This Idempotency-Key was used for a different booking."


def _replay(booking: Booking, *, event_id: int, quantity: int) -> Booking:
    if booking.event_id != event_id or booking.quantity != quantity:
        raise IdempotencyKeyReused()
    return booking


def _why_not_taken(*, event_id: int, quantity: int) -> DomainError:
    """Explain a failed seat grab. Read after the fact, so it is a message, not a decision."""
    event = Event.objects.filter(id=event_id).first()
    if event is None or event.status == EventStatus.DRAFT:
        return InvalidInput(fields={"event": ["No such event."]})
    if event.status == EventStatus.CANCELLED:
        return EventNotBookable("This event was cancelled.")
    if event.ends_at <= timezone.now():
        return EventNotBookable("This event is over.")
    if quantity > event.max_per_booking:
        return InvalidInput(
            fields={"quantity": [f"At most {event.max_per_booking} tickets per booking."]}
        )
    left = event.tickets_available
    if left == 0:
        return SoldOut()
    return CapacityExceeded(f"Only {left} tickets are left.")


def _earlier_booking(user: User, idempotency_key: str | None) -> Booking | None:
    if not idempotency_key:
        return None
    return (
        Booking.objects.select_related("event")
        .filter(user=user, idempotency_key=idempotency_key)
        .first()
    )


def booking_create(
    *, user: User, event_id: int, quantity: int, idempotency_key: str | None = None
) -> tuple[Booking, bool]:
    """Book `quantity` tickets. Returns the booking (with its event loaded) and whether it
    is a replay of an earlier request with the same Idempotency-Key.

    The hot event row is locked from the conditional UPDATE to the commit, so everything that
    can happen before it does: the event (and its price, copied onto the booking as the
    attendee saw it) is read first, and duplicates are left to the unique constraint.
    """
    require_verified_email(user)
    earlier = _earlier_booking(user, idempotency_key)
    if earlier is not None:
        return _replay(earlier, event_id=event_id, quantity=quantity), True
    if quantity < 1:
        raise InvalidInput(fields={"quantity": ["Book at least one ticket."]})
    event = Event.objects.filter(id=event_id).first()
    if event is None:
        raise InvalidInput(fields={"event": ["No such event."]})
    key_id = keyring().active_key_id

    def take_seats_and_book() -> Booking:
        taken = Event.objects.filter(
            LessThanOrEqual(F("tickets_sold") + quantity, F("capacity")),
            id=event_id,
            status=EventStatus.PUBLISHED,
            ends_at__gt=timezone.now(),
            max_per_booking__gte=quantity,
        ).update(tickets_sold=F("tickets_sold") + quantity)
        if not taken:
            raise _why_not_taken(event_id=event_id, quantity=quantity)
        booking = Booking.objects.create(
            user=user,
            event=event,
            quantity=quantity,
            status=BookingStatus.CONFIRMED,
            unit_price=event.price,
            total_amount=event.price * Decimal(quantity),
            currency=event.currency,
            idempotency_key=idempotency_key or None,
        )
        Ticket.objects.bulk_create(
            Ticket(booking=booking, event_id=event_id, key_id=key_id, backup_code=code)
            for code in _distinct_backup_codes(quantity)
        )
        notifications.booking_confirmation_queue(booking=booking)
        return booking

    for attempt in range(1, BACKUP_CODE_ATTEMPTS + 1):
        try:
            return atomic_with_retry(take_seats_and_book), False
        except IntegrityError as error:
            if _is_backup_code_collision(error) and attempt < BACKUP_CODE_ATTEMPTS:
                continue  # one in billions: draw new codes and book again
            # A concurrent request won: the same Idempotency-Key retried at the same moment
            # (answer with its booking), or another active booking of this attendee here.
            earlier = _earlier_booking(user, idempotency_key)
            if earlier is not None:
                return _replay(earlier, event_id=event_id, quantity=quantity), True
            raise DuplicateBooking() from error
    raise AssertionError("unreachable")


BACKUP_CODE_ATTEMPTS = 3


def _distinct_backup_codes(quantity: int) -> list[str]:
    codes: set[str] = set()
    while len(codes) < quantity:
        codes.add(backup_code_new())
    return list(codes)


def _is_backup_code_collision(error: IntegrityError) -> bool:
    # The unique (event, backup_code) index: MySQL names the constraint, SQLite the columns.
    return "backup_code" in str(error)


def booking_cancel(*, booking: Booking, by: str = CancelledBy.ATTENDEE) -> Booking:
    """Cancel a booking: its seats go back and its tickets are voided, in one transaction.
    `by` records who did it (the buyer, or the organizer), which the buyer sees.
    Idempotent: cancelling a cancelled booking changes nothing."""
    if booking.status == BookingStatus.CANCELLED:
        return booking

    def give_seats_back() -> None:
        # Event row first, as booking_create does.
        list(Event.objects.select_for_update().filter(id=booking.event_id).values_list("id"))
        if Ticket.objects.filter(booking_id=booking.id, checked_in_at__isnull=False).exists():
            raise BookingCheckedIn()
        flipped = Booking.objects.filter(id=booking.id, status=BookingStatus.CONFIRMED).update(
            status=BookingStatus.CANCELLED,
            active=None,
            cancelled_at=timezone.now(),
            cancelled_by=by,
        )
        if flipped:
            Event.objects.filter(id=booking.event_id).update(
                tickets_sold=F("tickets_sold") - booking.quantity
            )
            Ticket.objects.filter(booking_id=booking.id).update(status=TicketStatus.CANCELLED)

    atomic_with_retry(give_seats_back)
    booking.refresh_from_db()
    return booking


class BookingNotConfirmed(DomainError):
    code = "booking_not_confirmed"
    status_code = 409
    default_detail = "Only a confirmed booking has tickets to send."


def booking_tickets_resend(*, booking: Booking) -> None:
    """The tickets e-mail once more (the buyer lost it), through the outbox like the first."""
    if booking.status != BookingStatus.CONFIRMED:
        raise BookingNotConfirmed()
    notifications.booking_tickets_resend_queue(booking=booking)
