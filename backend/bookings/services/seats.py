"""A booking's side of the seats: the event's counters are moved by events.services.seats; a
booking that ends also voids its tickets (the door kits pick that up by `changed_at`), and
its seats are offered to the event's waiting list (waiting_offers)."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone

from events.services.codes import code_use_give_back, code_use_retake
from events.services.seats import NoSeats, seats_give_back, seats_retake

from ..models import Booking, BookingItem, BookingStatus, Ticket, TicketStatus
from .manual_holds import manual_hold_give_back
from .waiting_offers import waiting_list_offer


def _items(booking: Booking) -> list[tuple[int, int]]:
    return list(
        BookingItem.objects.filter(booking_id=booking.id).values_list("ticket_type_id", "quantity")
    )


def booking_seats_release(booking: Booking) -> None:
    """In the caller's transaction, after it locked the event row and flipped the booking:
    its seats go back (and its code's use), its tickets no longer admit anyone (`booking` as
    it was before). Every way a booking ends comes here: cancelled, expired, refunded (also
    from Stripe's dashboard), a hold released; an event's cancellation releases all at once
    (events.services.transitions)."""
    manual_hold_give_back(booking)
    seats_give_back(
        event_id=booking.event_id,
        quantity=booking.quantity,
        slot=booking.seat_slot,
        items=_items(booking),
    )
    if booking.code_id is not None:
        code_use_give_back(code_id=booking.code_id)
    # A revoked (transferred) ticket stays revoked: the door names its old code as such.
    Ticket.objects.filter(booking_id=booking.id).exclude(status=TicketStatus.REVOKED).update(
        status=TicketStatus.CANCELLED, inside=False, changed_at=timezone.now()
    )
    # The seats are held for the waiting list first, in this transaction: no other buyer
    # can take them in between.
    waiting_list_offer(event_id=booking.event_id)


def booking_seats_retake(booking: Booking) -> bool:
    """Take a released booking's seats again and confirm it (a payment that arrived after its
    hold ended), in a savepoint: all of it or nothing. False when the seats are gone or the
    attendee has booked the event anew meanwhile."""
    try:
        with transaction.atomic():
            slot = seats_retake(
                event_id=booking.event_id, quantity=booking.quantity, items=_items(booking)
            )
            if booking.code_id is not None and not code_use_retake(code_id=booking.code_id):
                raise NoSeats()
            # active=True again: the unique constraint refuses it if the attendee has booked
            # this event anew in the meantime.
            Booking.objects.filter(id=booking.id).update(
                status=BookingStatus.CONFIRMED, active=True, cancelled_at=None, seat_slot=slot
            )
    except (NoSeats, IntegrityError):
        return False
    return True
