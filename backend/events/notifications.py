"""The door staff invitation e-mail, queued in the outbox by event_staff_invite and sent by
the worker. Its link carries a token signed with SECRET_KEY for the staff entry and its
current nonce, so inviting again (a new nonce) kills the older link and nothing secret is
stored."""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.core import signing
from django.core.mail import send_mail
from django.utils import timezone

from common.outbox import handles, outbox_put

from .models import STAFF_INVITATION_SALT, EventStaff

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
    starts = timezone.localtime(event.starts_at).strftime("%A %d %B %Y, %H:%M %Z")
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
