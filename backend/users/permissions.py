from django.conf import settings
from rest_framework.permissions import BasePermission

from common.exceptions import DomainError

from .models import User


class IsOrganizer(BasePermission):
    """Organizers and admins."""

    message = "Only organizers can do this."

    def has_permission(self, request, view) -> bool:
        user = request.user
        return bool(user and user.is_authenticated and user.is_organizer)


class IsAttendee(BasePermission):
    message = "Only attendees can do this."

    def has_permission(self, request, view) -> bool:
        user = request.user
        return bool(user and user.is_authenticated and user.role == "attendee")


class EmailNotVerified(DomainError):
    code = "email_not_verified"
    status_code = 403
    default_detail = "Confirm your e-mail address first: open the link we sent you."


def require_verified_email(user: User) -> None:
    """Under QE_EMAIL_VERIFICATION=mandatory, booking and publishing need a verified
    address. The one check; booking_create and event publishing call it."""
    if settings.EMAIL_VERIFICATION == "mandatory" and not user.email_verified:
        raise EmailNotVerified()
