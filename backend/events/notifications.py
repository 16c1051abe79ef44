"""E-mails about events. The door staff invitation, queued in the outbox by event_staff_invite
and sent by the worker: its link carries a token signed with SECRET_KEY for the staff entry
and its current nonce, so inviting again (a new nonce) kills the older link and nothing
secret is stored. And the notices to ticket holders (below)."""

from __future__ import annotations

import secrets
from urllib.parse import urlencode

from django.conf import settings
from django.core import signing
from django.core.mail import send_mail

from common.outbox import handles, outbox_put
from common.text import subject_title
from common.timefmt import local_time_text

from .models import STAFF_INVITATION_SALT, Event, EventStaff

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
        # Nothing the organizer wrote but the event's title, short and without links.
        subject=f"You are invited to scan tickets for {subject_title(event.title)}",
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
# bookings app, which knows the holders, handles the topic (bookings.notifications): one
# e-mail per booking, each its own outbox message with a dedupe key, so a retried fan-out
# never mails anyone twice and one bad address delays nobody else.
EVENT_NOTICE = "events.notice_fanout"


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
