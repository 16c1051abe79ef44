"""Door staff of an event, by invitation: the organizer invites an address, the invitee
accepts through the e-mailed link (signed in, or creating the account there), the organizer
may remove them (their live door sockets close at once)."""

from __future__ import annotations

import secrets

from django.db import IntegrityError, transaction
from django.utils import timezone

from common.db import atomic_with_retry
from common.exceptions import InvalidInput, NotFound
from users.auth_cache import auth_cache_forget
from users.broadcast import event_access_ended_broadcast
from users.models import User
from users.permissions import require_confirmed_email
from users.services import user_register

from .. import notifications
from ..errors import InvitationForOtherAccount, InvitationInvalid, SignInToAccept
from ..models import Event, EventStaff
from ..selectors import staff_invitation_for_token, staff_invitation_token_read


def event_staff_invite(*, event: Event, inviter: User, email: str, base_url: str) -> EventStaff:
    """Invite an address to scan tickets at this event's door. The same whatever the
    address: no account is looked up, nothing tells whether one exists; the invitee decides
    (event_staff_accept). Inviting again sends a new link and kills the old one; an address
    that already accepted is left as it is. The invitation goes out in the inviter's name:
    only from a confirmed address."""
    require_confirmed_email(inviter)
    email = email.strip().lower()

    def invite() -> EventStaff:
        link = EventStaff.objects.select_for_update().filter(event=event, email=email).first()
        if link is not None and link.user_id is not None:
            return link
        if link is None:
            link = EventStaff(event=event, email=email)
        link.nonce = secrets.token_hex(16)
        link.invited_at = timezone.now()
        link.save()
        notifications.staff_invitation_queue(staff=link, base_url=base_url)
        return link

    try:
        return atomic_with_retry(invite)
    except IntegrityError:  # invited at this very moment by a second request: one is enough
        return EventStaff.objects.get(event=event, email=email)


def event_staff_accept(*, token: str, user: User) -> EventStaff:
    """The invitee, signed in with the invited address, becomes door staff. The link works
    once (its nonce is cleared); accepting again as the same person changes nothing."""
    found = staff_invitation_token_read(token)
    if found is None:
        raise InvitationInvalid()
    staff_id, nonce = found

    def accept() -> EventStaff:
        link = EventStaff.objects.select_for_update().filter(id=staff_id).first()
        if link is not None and link.user_id is not None and link.user_id == user.id:
            return link
        if link is None or link.user_id is not None or not nonce or link.nonce != nonce:
            raise InvitationInvalid()
        if link.email != user.email:
            raise InvitationForOtherAccount()
        link.user = user
        link.accepted_at = timezone.now()
        link.nonce = ""
        link.save(update_fields=["user", "accepted_at", "nonce"])
        # Opening the e-mailed link proves the address.
        User.objects.filter(id=user.id, email_verified=False).update(email_verified=True)
        auth_cache_forget(user.id)
        return link

    return atomic_with_retry(accept)


def event_staff_accept_with_new_account(
    *, token: str, name: str, password: str, base_url: str
) -> EventStaff:
    """Accept an invitation by creating the account for the invited address (the invitee
    proved the address by opening the link). An address that has an account signs in."""
    invitation = staff_invitation_for_token(token=token)
    if invitation is None:
        raise InvitationInvalid()
    if User.objects.filter(email=invitation.email, is_active=True).exists():
        raise SignInToAccept()
    if not name.strip() or not password:
        raise InvalidInput(
            "Choose your name and a password to create your account.",
            fields={
                key: ["This field is required."]
                for key, value in (("name", name.strip()), ("password", password))
                if not value
            },
        )
    with transaction.atomic():
        created = user_register(
            email=invitation.email,
            password=password,
            name=name,
            base_url=base_url,
            email_verified=True,
        )
        return event_staff_accept(token=token, user=created)


def event_staff_remove(*, event: Event, staff_id: int) -> None:
    """Remove door staff or withdraw an invitation. A removed person's live door sockets on
    this event close at once."""
    with transaction.atomic():
        link = EventStaff.objects.select_for_update().filter(event=event, id=staff_id).first()
        if link is None:
            raise NotFound("No such door staff or invitation for this event.")
        link.delete()
        if link.user_id is not None:
            event_access_ended_broadcast(user_id=link.user_id, event_id=event.id)
