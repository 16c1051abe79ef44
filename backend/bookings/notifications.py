"""E-mails about bookings, queued in the outbox by the services and sent by the worker (which
draws the QR codes: never the web process); and the notices to every holder of an event
(events.notifications queues them: this app knows the holders)."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db.models import Prefetch

from common.outbox import handles, outbox_put
from common.text import one_line, subject_title
from common.timefmt import local_time_text
from events.models import Event, PaymentMethod
from events.notifications import EVENT_NOTICE

from .backup_codes import backup_code_grouped
from .models import (
    Booking,
    BookingStatus,
    PaymentStatus,
    Ticket,
    TicketStatus,
    WaitingListEntry,
)
from .qr_images import qr_png
from .ticket_codes import ticket_code_for


def _to_booker(booking: Booking, *, subject: str, lines: list[str]) -> EmailMultiAlternatives:
    """An e-mail to the person who booked (load `booking.user` with it)."""
    return EmailMultiAlternatives(
        subject=one_line(subject),  # a title with a line break must not end the header
        body="\n".join(lines),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[booking.user.email],
    )


CONFIRMATION = "bookings.confirmation_email"
PAYMENT_DUE = "bookings.payment_due_email"
REFUND_NOTICE = "bookings.refund_notice_email"
RESEND = "bookings.tickets_email_again"


def booking_confirmation_queue(*, booking: Booking, new: bool = False) -> None:
    """In the booking's transaction: its tickets e-mail, once whatever happens. `new`: the
    booking was created in this transaction (nothing can be queued for it yet)."""
    outbox_put(
        topic=CONFIRMATION,
        payload={"booking": booking.id},
        dedupe_key=f"booking-confirmation:{booking.id}",
        new=new,
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
        .prefetch_related(
            Prefetch(
                "tickets", queryset=Ticket.objects.select_related("ticket_type").order_by("id")
            )
        )
        .get(id=booking_id)
    )
    if booking.status != BookingStatus.CONFIRMED:
        return  # cancelled before the worker got to it: its codes admit nobody
    # Only the tickets the booker still holds: not those transferred away (their old codes
    # are revoked, the new ones belong to their recipients).
    held = [ticket for ticket in booking.tickets.all() if ticket.held_by_booker]
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
            f"Ticket {number}: {ticket.ticket_type_name or 'Admission'} for"
            f" {ticket.attendee_name or booking.user.name},"
            f" backup code {backup_code_grouped(ticket.backup_code)}"
            for number, ticket in enumerate(held, start=1)
        ),
    ]
    message = _to_booker(booking, subject=f"Your tickets for {event.title}", lines=lines)
    for ticket in held:
        code = ticket_code_for(event_id=ticket.event_id, ticket_id=ticket.id, key_id=ticket.key_id)
        message.attach(f"ticket-{ticket.id}.png", qr_png(code, scale=8), "image/png")
    message.send()


TRANSFERRED = "bookings.ticket_transferred_email"


def ticket_transferred_queue(*, ticket: Ticket) -> None:
    """In the transfer's transaction: the recipient's ticket, e-mailed to them once."""
    outbox_put(
        topic=TRANSFERRED, payload={"ticket": ticket.id}, dedupe_key=f"ticket-sent:{ticket.id}"
    )


@handles(TRANSFERRED)
def ticket_transferred_send(payload: dict) -> None:
    ticket = Ticket.objects.select_related("event", "ticket_type", "booking__user").get(
        id=payload["ticket"]
    )
    if ticket.status != TicketStatus.VALID:
        return  # transferred on or cancelled before the worker got to it
    event = ticket.event
    where = ", ".join(part for part in (event.venue, event.venue_address) if part)
    lines = [
        f"Hello {ticket.attendee_name},",
        "",
        f"{ticket.booking.user.name} has transferred a ticket for {event.title} to you.",
        f"When: {local_time_text(event.starts_at, event.timezone)}",
        f"Where: {where}",
        f"Ticket: {ticket.ticket_type_name or 'Admission'} for {ticket.attendee_name},"
        f" backup code {backup_code_grouped(ticket.backup_code)}",
        "",
        "The attached QR code admits one person: show it at the door. To see the ticket under"
        f" My tickets, sign in (or create an account) with this address, {ticket.holder_email},"
        " and confirm the address.",
        f"{settings.PUBLIC_URL}/tickets" if settings.PUBLIC_URL else "",
    ]
    message = EmailMultiAlternatives(
        subject=one_line(f"A ticket for {event.title} was transferred to you"),
        body="\n".join(lines),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[ticket.holder_email],
    )
    code = ticket_code_for(event_id=ticket.event_id, ticket_id=ticket.id, key_id=ticket.key_id)
    message.attach(f"ticket-{ticket.id}.png", qr_png(code, scale=8), "image/png")
    message.send()


def _local(moment, event) -> str:
    """A time as the buyer reads it: in the event's zone, with its abbreviation."""
    return local_time_text(moment, event.timezone)


def booking_payment_due_queue(*, booking: Booking, new: bool = False) -> None:
    """In the booking's transaction: how to pay, and until when the seats are held. `new`:
    as for booking_confirmation_queue."""
    outbox_put(
        topic=PAYMENT_DUE,
        payload={"booking": booking.id},
        dedupe_key=f"booking-payment-due:{booking.id}",
        new=new,
    )


@handles(PAYMENT_DUE)
def booking_payment_due_send(payload: dict) -> None:
    booking = Booking.objects.select_related("event", "user").get(id=payload["booking"])
    event = booking.event
    lines = [
        f"Hello {booking.user.name},",
        "",
        f"your seats for {event.title} are held for you until {_local(booking.expires_at, event)}.",
        f"To pay: {booking.total_amount} {booking.currency}.",
    ]
    if booking.payment_method == "manual" and event.payment_instructions:
        lines += ["", "How to pay:", event.payment_instructions]
    lines += [
        "",
        "Your tickets (with their QR codes) come as soon as the payment has arrived.",
        "Unpaid by then, the seats go back on sale.",
    ]
    _to_booker(
        booking, subject=f"Payment for your booking #{booking.id}: {event.title}", lines=lines
    ).send()


HOLD_RELEASED = "bookings.hold_released_email"


def booking_hold_released_queue(*, booking: Booking) -> None:
    """In the transaction that released the hold: tell the buyer."""
    outbox_put(
        topic=HOLD_RELEASED,
        payload={"booking": booking.id},
        dedupe_key=f"booking-hold-released:{booking.id}",
    )


@handles(HOLD_RELEASED)
def booking_hold_released_send(payload: dict) -> None:
    booking = Booking.objects.select_related("event", "user").get(id=payload["booking"])
    event = booking.event
    lines = [
        f"Hello {booking.user.name},",
        "",
        f"the organizer of {event.title} has released the seats held for your booking"
        f" #{booking.id} while its payment ({booking.total_amount} {booking.currency}) was"
        " awaited: the booking is cancelled and the seats are back on sale.",
        "If you have already sent the money, contact the organizer: they pay it back.",
    ]
    _to_booker(
        booking, subject=f"Seats released: booking #{booking.id}, {event.title}", lines=lines
    ).send()


REFUND_REASONS = {
    "late_payment": "your payment arrived after the hold on your seats had ended, and the"
    " seats could not be held for you again",
    "cancelled": "your booking was cancelled",
    "event_cancelled": "the event was cancelled",
    "refunded_by_organizer": "the organizer refunded your payment, so your booking is cancelled"
    " and its tickets no longer admit anyone",
}


def booking_refund_notice_queue(*, booking: Booking, reason: str) -> None:
    """In the transaction that decided a refund: tell the buyer what happens to their money."""
    outbox_put(
        topic=REFUND_NOTICE,
        payload={"booking": booking.id, "reason": reason},
        dedupe_key=f"booking-refund-notice:{booking.id}",
    )


@handles(REFUND_NOTICE)
def booking_refund_notice_send(payload: dict) -> None:
    booking = Booking.objects.select_related("event", "user").get(id=payload["booking"])
    event = booking.event
    why = REFUND_REASONS.get(payload.get("reason", ""), "your booking was cancelled")
    if booking.payment_method == "stripe":
        how = "It goes back to the card you paid with; banks take a few days to show it."
    else:
        how = "The organizer pays it back the way you paid; contact them for the details."
    lines = [
        f"Hello {booking.user.name},",
        "",
        f"{booking.total_amount} {booking.currency} of booking #{booking.id} for "
        f"{event.title} is refunded: {why}.",
        how,
    ]
    _to_booker(
        booking, subject=f"Refund of your booking #{booking.id}: {event.title}", lines=lines
    ).send()


# Notices to an event's holders: the events app queues one fan-out message (EVENT_NOTICE);
# here it becomes one e-mail per booking, each its own outbox message with a dedupe key.
HOLDER_EMAIL = "events.holder_email"


def _notice_subject(event: Event, kind: str, lines: list[str]) -> str:
    # The organizer's own words (a message's subject) stay in the body: a subject line sent
    # in our name carries nothing they wrote but the event's title, short and without links.
    title = subject_title(event.title)
    if kind == "cancelled":
        return f"Cancelled: {title}"
    if kind == "changed":
        return f"Change to {title}"
    return f"Message from the organizer of {title}"


@handles(EVENT_NOTICE)
def event_notice_fanout(payload: dict) -> None:
    event = Event.objects.filter(id=payload["event"]).first()
    if event is None:
        return
    if payload.get("bookings") is not None:
        booking_ids = list(payload["bookings"])
    else:
        booking_ids = list(
            Booking.objects.filter(event=event, status=BookingStatus.CONFIRMED)
            .order_by("id")
            .values_list("id", flat=True)
        )
    subject = _notice_subject(event, payload["kind"], payload["lines"])
    for booking_id in booking_ids:
        outbox_put(
            topic=HOLDER_EMAIL,
            payload={
                "booking": booking_id,
                "subject": subject,
                "kind": payload["kind"],
                "lines": payload["lines"],
            },
            dedupe_key=f"event-notice:{payload['notice']}:{booking_id}",
        )


@handles(HOLDER_EMAIL)
def holder_email_send(payload: dict) -> None:
    booking = (
        Booking.objects.select_related("event", "event__organizer", "user")
        .filter(id=payload["booking"])
        .first()
    )
    if booking is None:
        return
    if payload["kind"] != "cancelled" and booking.status != BookingStatus.CONFIRMED:
        return  # cancelled since: the news is no longer theirs
    event = booking.event
    lines = payload["lines"]  # a message: its subject first, then its body
    where = ", ".join(part for part in (event.venue, event.venue_address) if part)
    body = [
        f"Hello {booking.user.name},",
        "",
        *lines,
        "",
        f"Your booking #{booking.id}: {booking.quantity} ticket(s) for {event.title}",
        f"When: {_local(event.starts_at, event)}",
        f"Where: {where}",
    ]
    if payload["kind"] == "cancelled":
        body[2 + len(lines) : 2 + len(lines)] = [_money_after_cancel(booking)]
    if payload["kind"] == "message":
        body[2:2] = [f"{event.organizer.name}, the organizer of {event.title}, writes:", ""]
    _to_booker(booking, subject=payload["subject"], lines=body).send()


def _money_after_cancel(booking: Booking) -> str:
    """What happens to the holder's money, read when the e-mail is sent (the cancellation
    already moved a paid booking to refund_pending and called off an unpaid one)."""
    if booking.total_amount <= 0:
        return "Your tickets were free: nothing was charged."
    amount = f"{booking.total_amount} {booking.currency}"
    if booking.payment_status in (PaymentStatus.REFUND_PENDING, PaymentStatus.REFUNDED):
        if booking.payment_method == PaymentMethod.STRIPE:
            return (
                f"You paid {amount} by card: it is refunded to your card in full, without"
                " you doing anything (it can take a few days to show)."
            )
        return (
            f"You paid {amount}: the organizer refunds it in full, the way you paid; you get"
            " an e-mail once they have."
        )
    if booking.payment_method == PaymentMethod.STRIPE and booking.stripe_payment_intent:
        # Stripe was asked before the cancellation: a payment it had taken is refunded above.
        # One that completes later is refunded by itself, with its own e-mail.
        return (
            "Your card payment had not gone through: it was called off and nothing is owed."
            " Should your bank show a charge anyway, it is refunded to your card by itself."
        )
    if booking.payment_method == PaymentMethod.MANUAL:
        return (
            f"Your payment of {amount} had not arrived: nothing is owed. If you have sent it"
            " meanwhile, the organizer pays it back."
        )
    return "You had not paid yet: nothing was charged and nothing is owed."


WAITING_OFFER = "bookings.waiting_offer_email"
# The SPA page where a waiting-list offer is accepted.
WAITING_LIST_PATH = "/waiting-list"


def waiting_offer_queue(*, entry_id: int) -> None:
    """In the transaction that held seats for a waiting-list entry (offered once at most)."""
    outbox_put(
        topic=WAITING_OFFER, payload={"entry": entry_id}, dedupe_key=f"waiting-offer:{entry_id}"
    )


@handles(WAITING_OFFER)
def waiting_offer_send(payload: dict) -> None:
    entry = WaitingListEntry.objects.select_related("event", "user", "ticket_type").get(
        id=payload["entry"]
    )
    event = entry.event
    lines = [
        f"Hello {entry.user.name},",
        "",
        f"{entry.quantity} x {entry.ticket_type.name} for {event.title} are free for you: we"
        f" hold them until {_local(entry.offer_expires_at, event)}.",
        f"Book them here: {settings.PUBLIC_URL or entry.site_url.rstrip('/')}{WAITING_LIST_PATH}",
        "",
        "Not booked by then, the seats go to the next person waiting.",
    ]
    EmailMultiAlternatives(
        subject=one_line(f"Tickets for {event.title} are free for you"),
        body="\n".join(lines),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[entry.user.email],
    ).send()


WAITING_OFFER_LAPSED = "bookings.waiting_offer_lapsed_email"


def waiting_offer_lapsed_queue(*, entry_id: int) -> None:
    """In the transaction that ended an offer nobody took: its person is told, once."""
    outbox_put(
        topic=WAITING_OFFER_LAPSED,
        payload={"entry": entry_id},
        dedupe_key=f"waiting-offer-lapsed:{entry_id}",
    )


@handles(WAITING_OFFER_LAPSED)
def waiting_offer_lapsed_send(payload: dict) -> None:
    entry = WaitingListEntry.objects.select_related("event", "user", "ticket_type").get(
        id=payload["entry"]
    )
    event = entry.event
    lines = [
        f"Hello {entry.user.name},",
        "",
        f"The {entry.quantity} x {entry.ticket_type.name} for {event.title} we held for you"
        f" until {_local(entry.offer_expires_at, event)} were not booked in time: they went"
        " to the next person waiting, and you are no longer on the waiting list.",
        "",
        "If tickets are still wanted, join the waiting list again from the event's page:"
        f" {settings.PUBLIC_URL or entry.site_url.rstrip('/')}/events/{event.id}",
    ]
    EmailMultiAlternatives(
        subject=one_line(f"Your offer for {event.title} has lapsed"),
        body="\n".join(lines),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[entry.user.email],
    ).send()
