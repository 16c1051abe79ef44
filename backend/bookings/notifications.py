"""E-mails about bookings, queued in the outbox by the services and sent by the worker (which
draws the QR codes: never the web process)."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives

from common.outbox import handles, outbox_put
from common.timefmt import local_time_text

from .models import Booking, BookingStatus
from .qr_images import qr_png
from .ticket_codes import ticket_code_for

CONFIRMATION = "bookings.confirmation_email"
RESEND = "bookings.tickets_email_again"


def booking_confirmation_queue(*, booking: Booking) -> None:
    """In the booking's transaction: its tickets e-mail, once whatever happens."""
    outbox_put(
        topic=CONFIRMATION,
        payload={"booking": booking.id},
        dedupe_key=f"booking-confirmation:{booking.id}",
    )


def booking_tickets_resend_queue(*, booking: Booking) -> None:
    """The same e-mail again, on the buyer's request (no dedupe key: each request is one)."""
    outbox_put(topic=RESEND, payload={"booking": booking.id, "again": True})


@handles(RESEND)
@handles(CONFIRMATION)
def booking_confirmation_send(payload: dict) -> None:
    booking_id = payload["booking"]
    booking = (
        Booking.objects.select_related("event", "user")
        .prefetch_related("tickets")
        .get(id=booking_id)
    )
    if booking.status != BookingStatus.CONFIRMED:
        return  # cancelled before the worker got to it: its codes admit nobody
    event = booking.event
    starts = local_time_text(event.starts_at, event.timezone)
    where = ", ".join(part for part in (event.venue, event.venue_address) if part)
    lines = [
        f"Hello {booking.user.name},",
        "",
        (
            f"here are your tickets again for booking #{booking.id}, {event.title}."
            if payload.get("again")
            else f"your booking #{booking.id} for {event.title} is confirmed."
        ),
        f"When: {starts}",
        f"Where: {where}",
        f"Tickets: {booking.quantity}, total {booking.total_amount} {booking.currency}",
        "",
        "Each attached QR code admits one person. Show it at the door, on paper or on screen.",
        "Under each code is its backup code, for the door staff to type in if the QR code"
        " cannot be read. You can also find your tickets under My tickets, and download them"
        " as a PDF there.",
        "",
        *(
            f"Ticket {number}: backup code {ticket.backup_code}"
            for number, ticket in enumerate(booking.tickets.all(), start=1)
        ),
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
