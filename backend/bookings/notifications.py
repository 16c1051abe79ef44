"""E-mails about bookings, queued in the outbox by the services and sent by the worker (which
draws the QR codes: never the web process)."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.utils import timezone

from common.outbox import handles, outbox_put

from .models import Booking
from .qr_images import qr_png
from .ticket_codes import ticket_code_for

CONFIRMATION = "bookings.confirmation_email"


def booking_confirmation_queue(*, booking: Booking) -> None:
    """In the booking's transaction: its tickets e-mail, once whatever happens."""
    outbox_put(
        topic=CONFIRMATION,
        payload={"booking": booking.id},
        dedupe_key=f"booking-confirmation:{booking.id}",
    )


@handles(CONFIRMATION)
def booking_confirmation_send(payload: dict) -> None:
    booking_id = payload["booking"]
    booking = (
        Booking.objects.select_related("event", "user")
        .prefetch_related("tickets")
        .get(id=booking_id)
    )
    event = booking.event
    starts = timezone.localtime(event.starts_at).strftime("%A %d %B %Y, %H:%M %Z")
    lines = [
        f"Hello {booking.user.name},",
        "",
        f"your booking #{booking.id} for {event.title} is confirmed.",
        f"When: {starts}",
        f"Where: {event.venue}",
        f"Tickets: {booking.quantity}, total {booking.total_amount} {booking.currency}",
        "",
        "Each attached QR code admits one person. Show it at the door, on paper or on screen.",
        "You can also find your tickets under My tickets.",
    ]
    message = EmailMultiAlternatives(
        subject=f"Your tickets for {event.title}",
        body="\n".join(lines),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[booking.user.email],
    )
    for ticket in booking.tickets.all():
        code = ticket_code_for(event_id=ticket.event_id, ticket_id=ticket.id, key_id=ticket.key_id)
        message.attach(f"ticket-{ticket.id}.png", qr_png(code, scale=8), "image/png")
    message.send()
