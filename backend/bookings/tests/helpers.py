"""Test helpers for bookings: book through the real service, decode QR images."""

import io

import zxingcpp
from django.db.models import Sum
from PIL import Image

from bookings.models import Booking, BookingStatus, Ticket, TicketStatus
from bookings.services import booking_create


def book(user, event, quantity: int = 1) -> Booking:
    booking, _ = booking_create(user=user, event_id=event.id, quantity=quantity)
    return booking


def decode_qr(image_bytes: bytes) -> list[str]:
    results = zxingcpp.read_barcodes(Image.open(io.BytesIO(image_bytes)))
    return [result.text for result in results]


def assert_seats_consistent(event) -> int:
    """tickets_sold == valid tickets == confirmed quantities <= capacity; returns the count."""
    event.refresh_from_db()
    valid = Ticket.objects.filter(event=event, status=TicketStatus.VALID).count()
    confirmed = (
        Booking.objects.filter(event=event, status=BookingStatus.CONFIRMED).aggregate(
            n=Sum("quantity")
        )["n"]
        or 0
    )
    assert event.tickets_sold == valid == confirmed
    assert event.tickets_sold <= event.capacity
    return event.tickets_sold


def signing_key_spec(key_id: int = 1) -> str:
    """A new TICKET_SIGNING_KEYS entry (`id:base64 seed`), as deploy/README.md makes one."""
    import base64
    import os

    return f"{key_id}:{base64.b64encode(os.urandom(32)).decode()}"
