"""The door staff invitation e-mail, queued in the outbox by event_staff_invite and sent by
the worker. Its link carries a token signed with SECRET_KEY for the staff entry and its
current nonce, so inviting again (a new nonce) kills the older link and nothing secret is
stored."""

from __future__ import annotations

import secrets
from urllib.parse import urlencode

from django.conf import settings
from django.core import signing
from django.core.mail import send_mail

from bookings.models import Booking, BookingStatus, PaymentStatus
from common.outbox import handles, outbox_put
from common.timefmt import local_time_text

from .models import STAFF_INVITATION_SALT, Event, EventStaff, PaymentMethod

STAFF_INVITATION = "events.staff_invitation_email"


def staff_invitation_token(staff: EventStaff) -> str:
    return signing.dumps({"s": staff.id, "n": staff.nonce}, salt=STAFF_INVITATION_SALT)


def staff_invitation_queue(*, staff: EventStaff, base_url: str) -> None:
    outbox_put(topic=STAFF_INVITATION, payload={"staff": staff.id, "base_url": base_url})


@handles(STAFF_INVITATION)
def staff_invitation_send(payload: dict) -> None:
    staff = (
        EventStaff.objects.select_related("event", "event__organizer")
        .filter(id=payload["staff"], user__isnull=True)
        .first()
    )
    if staff is None or not staff.nonce:
        return  # withdrawn or accepted since
    event = staff.event
    base = settings.PUBLIC_URL or payload["base_url"].rstrip("/")
    url = f"{base}/invitations/accept?{urlencode({'token': staff_invitation_token(staff)})}"
    starts = local_time_text(event.starts_at, event.timezone)
    days = settings.STAFF_INVITATION_MAX_AGE // 86400
    send_mail(
        subject=f"You are invited to scan tickets for {event.title}",
        message="\n".join(
            [
                "Hello,",
                "",
                f"{event.organizer.name} invites you to check tickets at the door of",
                f"{event.title} ({starts}, {event.venue}).",
                "",
                f"Accept within {days} days here (you can create an account there):",
                "",
                url,
                "",
                "If you do not know what this is about, ignore this e-mail.",
            ]
        ),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[staff.email],
    )


# What ticket holders are told about their event: a change of time or venue, a cancellation,
# a message from the organizer. The change's transaction queues one fan-out message; the
# worker turns it into one e-mail per booking, each its own outbox message with a dedupe key,
# so a retried fan-out never mails anyone twice and one bad address delays nobody else.
EVENT_NOTICE = "events.notice_fanout"
HOLDER_EMAIL = "events.holder_email"


def event_notice_queue(
    *, event: Event, kind: str, lines: list[str], booking_ids: list[int] | None = None
) -> None:
    """In the change's transaction. `kind`: changed, cancelled or message (the subject);
    `booking_ids`: who to tell (default: every booking holding valid tickets when the worker
    fans out)."""
    outbox_put(
        topic=EVENT_NOTICE,
        payload={
            "notice": secrets.token_hex(8),
            "event": event.id,
            "kind": kind,
            "lines": lines,
            "bookings": booking_ids,
        },
    )


def _subject(event: Event, kind: str, lines: list[str]) -> str:
    if kind == "cancelled":
        return f"Cancelled: {event.title}"
    if kind == "changed":
        return f"Change to {event.title}"
    return f"{event.title}: {lines[0]}" if lines else event.title


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
    subject = _subject(event, payload["kind"], payload["lines"])
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
    lines = payload["lines"][1:] if payload["kind"] == "message" else payload["lines"]
    when = local_time_text(event.starts_at, event.timezone)
    where = ", ".join(part for part in (event.venue, event.venue_address) if part)
    body = [
        f"Hello {booking.user.name},",
        "",
        *lines,
        "",
        f"Your booking #{booking.id}: {booking.quantity} ticket(s) for {event.title}",
        f"When: {when}",
        f"Where: {where}",
    ]
    if payload["kind"] == "cancelled":
        body[2 + len(lines) : 2 + len(lines)] = [_money_after_cancel(booking)]
    if payload["kind"] == "message":
        body[2:2] = [f"{event.organizer.name}, the organizer of {event.title}, writes:", ""]
    send_mail(
        subject=payload["subject"],
        message="\n".join(body),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[booking.user.email],
    )


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
    return "You had not paid yet: nothing was charged and nothing is owed."
