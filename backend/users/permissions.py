from rest_framework.permissions import BasePermission


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
