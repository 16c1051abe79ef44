"""What an account may do by its role and state: the users app's one access rule.

- organize: create events and read one's analytics (organizers, admins);
- book: book tickets (attendees);
and, under QE_EMAIL_VERIFICATION=mandatory, booking and publishing need a verified address.
Raised as the common error types: 401 for nobody signed in, 403 for a role that may not.
What one may do with an object (an event, a booking) is decided by that object's app."""

from __future__ import annotations

from enum import Enum

from django.conf import settings
from rest_framework.exceptions import NotAuthenticated

from common.exceptions import DomainError, Forbidden

from .models import Role, User


class Capability(Enum):
    ORGANIZE = "organize"
    BOOK = "book"


_ROLES = {
    Capability.ORGANIZE: (Role.ORGANIZER, Role.ADMIN),
    Capability.BOOK: (Role.ATTENDEE,),
}
_REFUSALS = {
    Capability.ORGANIZE: "Only organizers can do this.",
    Capability.BOOK: "Only attendees can do this.",
}


class EmailNotVerified(DomainError):
    code = "email_not_verified"
    status_code = 403
    default_detail = "Confirm your e-mail address first: open the link we sent you."


def may(user: User | None, capability: Capability) -> bool:
    return bool(user is not None and user.is_authenticated and user.role in _ROLES[capability])


def require(*, user: User | None, capability: Capability) -> None:
    """Nothing when `user` may; else 401 (nobody signed in) or 403 (not for this role)."""
    if user is None or not user.is_authenticated:
        raise NotAuthenticated()
    if not may(user, capability):
        raise Forbidden(_REFUSALS[capability])


def require_confirmed_email(user: User) -> None:
    """Whatever QE_EMAIL_VERIFICATION says: e-mail sent to others in this user's name (door
    staff invitations, messages to ticket holders) needs an address they have confirmed,
    so nobody mails strangers from an address that is not theirs."""
    if not user.email_verified:
        raise EmailNotVerified("Confirm your e-mail address first: we send this in your name.")


def require_verified_email(user: User) -> None:
    """Under QE_EMAIL_VERIFICATION=mandatory, booking and publishing need a verified
    address. The one check; booking_create and event publishing call it."""
    if settings.EMAIL_VERIFICATION == "mandatory" and not user.email_verified:
        raise EmailNotVerified()
