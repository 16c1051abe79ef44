"""Tickets of a booking: drawn with their backup codes when it is made, e-mailed again on the
buyer's request."""

from __future__ import annotations

from django.db import IntegrityError

from .. import notifications
from ..backup_codes import backup_code_new
from ..errors import BookingNotConfirmed
from ..models import Booking, BookingStatus


def distinct_backup_codes(quantity: int) -> list[str]:
    """`quantity` new backup codes, none twice (the database keeps them unique per event)."""
    codes: set[str] = set()
    while len(codes) < quantity:
        codes.add(backup_code_new())
    return list(codes)


def is_backup_code_collision(error: IntegrityError) -> bool:
    # The unique (event, backup_code) index: MySQL names the constraint, SQLite the columns.
    return "backup_code" in str(error)


def booking_tickets_resend(*, booking: Booking) -> None:
    """The tickets e-mail once more (the buyer lost it), through the outbox like the first."""
    if booking.status != BookingStatus.CONFIRMED:
        raise BookingNotConfirmed()
    notifications.booking_tickets_resend_queue(booking=booking)
