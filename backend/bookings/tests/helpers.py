"""Test helpers for bookings: book through the real service, decode QR images."""

import io

import zxingcpp
from PIL import Image

from bookings.models import Booking
from bookings.services import booking_create


def book(user, event, quantity: int = 1) -> Booking:
    booking, _ = booking_create(user=user, event_id=event.id, quantity=quantity)
    return booking


def decode_qr(image_bytes: bytes) -> list[str]:
    results = zxingcpp.read_barcodes(Image.open(io.BytesIO(image_bytes)))
    return [result.text for result in results]
