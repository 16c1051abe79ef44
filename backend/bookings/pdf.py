"""Tickets as a PDF, one A4 page per ticket: the QR code, its backup code, the holder, the
event, the venue and the time in the event's own zone. Drawn with ReportLab (pure Python, no
system libraries), on request, for the booker and the event's organizer."""

from __future__ import annotations

import hashlib
import io

from django.core.cache import cache
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader, simpleSplit
from reportlab.pdfgen.canvas import Canvas

from common.timefmt import local_time_text

from .backup_codes import backup_code_grouped
from .models import Booking
from .qr_images import qr_png
from .ticket_codes import ticket_code_for

MARGIN = 20 * mm
QR_SIDE = 90 * mm


def _lines(canvas: Canvas, text: str, *, x: float, y: float, font: str, size: int) -> float:
    """Write `text` wrapped to the page width from `y` down; returns the next free y."""
    canvas.setFont(font, size)
    width = A4[0] - 2 * MARGIN
    for line in simpleSplit(text, font, size, width) or [""]:
        canvas.drawString(x, y, line)
        y -= size * 1.35
    return y


def booking_tickets_pdf(booking: Booking) -> bytes:
    """The booking's tickets (load it with event, user and tickets)."""
    event = booking.event
    # Those the booker holds: not the ones transferred away (nor their revoked codes).
    tickets = [ticket for ticket in booking.tickets.all() if ticket.held_by_booker]
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, pageCompression=1)
    canvas.setTitle(f"Tickets: {event.title}")
    canvas.setAuthor("QR-Entry")
    starts = local_time_text(event.starts_at, event.timezone)
    ends = local_time_text(event.ends_at, event.timezone)
    place = ", ".join(part for part in (event.venue, event.venue_address) if part)
    width, height = A4
    for number, ticket in enumerate(tickets, start=1):
        y = height - MARGIN - 16
        y = _lines(canvas, event.title, x=MARGIN, y=y, font="Helvetica-Bold", size=20)
        y = _lines(canvas, f"{starts} until {ends}", x=MARGIN, y=y - 4, font="Helvetica", size=12)
        y = _lines(canvas, place, x=MARGIN, y=y, font="Helvetica", size=12)
        code = ticket_code_for(event_id=ticket.event_id, ticket_id=ticket.id, key_id=ticket.key_id)
        qr_top = y - 8 * mm
        canvas.drawImage(
            ImageReader(io.BytesIO(qr_png(code, scale=8))),
            (width - QR_SIDE) / 2,
            qr_top - QR_SIDE,
            QR_SIDE,
            QR_SIDE,
        )
        y = qr_top - QR_SIDE - 10 * mm
        canvas.setFont("Courier-Bold", 22)
        canvas.drawCentredString(width / 2, y, backup_code_grouped(ticket.backup_code))
        canvas.setFont("Helvetica", 10)
        canvas.drawCentredString(
            width / 2, y - 14, "Backup code: the door staff can type it if the QR code fails."
        )
        y -= 40
        details = [
            f"Holder: {ticket.attendee_name or booking.user.name}",
            f"Ticket type: {ticket.ticket_type_name or 'Admission'}",
            f"Ticket {number} of {len(tickets)} (ticket #{ticket.id}, booking #{booking.id})",
            "Status: " + ("valid" if ticket.status == "valid" else "CANCELLED: does not admit"),
            "One QR code admits one person, once.",
        ]
        for line in details:
            y = _lines(canvas, line, x=MARGIN, y=y, font="Helvetica", size=12)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


# A 100-ticket PDF takes seconds to draw; the same booking, unchanged, is drawn once.
PDF_CACHE_SECONDS = 24 * 3600


def _version(booking: Booking) -> str:
    """A digest of everything the PDF shows: any change (a holder renamed, a ticket voided,
    the event moved) makes a new version, and so a new drawing."""
    event = booking.event
    shown: list[object] = [
        booking.id,
        booking.status,
        booking.user.name,
        event.title,
        event.venue,
        event.venue_address,
        event.timezone,
        event.starts_at.isoformat(),
        event.ends_at.isoformat(),
    ]
    for ticket in booking.tickets.all():
        shown += [
            ticket.id,
            ticket.status,
            ticket.key_id,
            ticket.backup_code,
            ticket.attendee_name,
            ticket.ticket_type_name,
        ]
    return hashlib.sha256(repr(shown).encode()).hexdigest()[:32]


def booking_tickets_pdf_cached(booking: Booking) -> bytes:
    """booking_tickets_pdf, drawn once per version of the booking (the cache falls back per
    process when Redis is down)."""
    key = f"tickets-pdf:{booking.id}:{_version(booking)}"
    pdf = cache.get(key)
    if pdf is None:
        pdf = booking_tickets_pdf(booking)
        cache.set(key, pdf, PDF_CACHE_SECONDS)
    return pdf
