"""Deleting an account: what it booked for events still ahead is cancelled (and so refunded)
by booking_cancel's rules, past bookings stay in the organizers' books, door staff links go,
then the users app erases the person. It crosses from the account to its bookings, so this
app (above users and events) runs it."""

from __future__ import annotations

import contextlib

from django.db import transaction
from django.utils import timezone

from common.exceptions import DomainError
from events.models import Event, EventStaff, EventStatus
from users.models import User
from users.services import password_confirm, user_erase

from ..errors import OrganizerHasEvents
from ..models import QUEUED_STATUSES, Booking, BookingStatus, WaitingListEntry
from .cancel import booking_cancel
from .waiting_list import waiting_list_leave


def account_delete(*, user: User, password: str, client_address: str) -> None:
    """Erase the person, keep the records. An organizer must first settle their upcoming
    events."""
    password_confirm(user=user, password=password, client_address=client_address)
    now = timezone.now()
    upcoming = Event.objects.filter(organizer=user, ends_at__gt=now).exclude(
        status=EventStatus.CANCELLED
    )
    if upcoming.exists():
        raise OrganizerHasEvents()
    ahead = Booking.objects.filter(user=user, event__starts_at__gt=now).exclude(
        status=BookingStatus.CANCELLED
    )
    for booking in ahead.select_related("event"):
        # A ticket already used at the door: that booking stays as it is.
        with contextlib.suppress(DomainError):
            booking_cancel(booking=booking, actor=user)
    # Off every waiting list: seats held for an offer pass on to the next person.
    for entry in WaitingListEntry.objects.filter(user=user, status__in=QUEUED_STATUSES):
        waiting_list_leave(entry=entry)
    with transaction.atomic():
        EventStaff.objects.filter(user=user).delete()
        EventStaff.objects.filter(email=user.email).delete()
        user_erase(user=user)
