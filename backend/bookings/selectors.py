"""Booking reads, scoped by the actor (bookings.permissions) so nobody reads another person's
booking by its id."""

from __future__ import annotations

from django.db.models import Count, OuterRef, Prefetch, QuerySet, Subquery

from events.models import Event
from users.models import User

from .models import QUEUED_STATUSES, Booking, BookingItem, Ticket, WaitingListEntry
from .permissions import tickets_held_by


def _with_tickets(queryset: QuerySet[Booking]) -> QuerySet[Booking]:
    return queryset.select_related("event", "code").prefetch_related(
        Prefetch("tickets", queryset=Ticket.objects.select_related("ticket_type").order_by("id")),
        Prefetch("items", queryset=BookingItem.objects.order_by("ticket_type_id")),
    )


def booking_list_for_user(*, user: User) -> QuerySet[Booking]:
    """The attendee's own bookings, newest first."""
    return _with_tickets(Booking.objects.filter(user=user)).order_by("-created_at", "-id")


def booking_get(*, booking_id: int) -> Booking:
    """A booking with what its answer shows, read again after a write (the caller checked
    the access before the write)."""
    return _with_tickets(Booking.objects.filter(id=booking_id)).get()


def ticket_list_for_holder(*, user: User) -> QuerySet[Ticket]:
    """The tickets `user` holds, newest booking first."""
    return (
        Ticket.objects.select_related("event", "ticket_type", "booking")
        .filter(tickets_held_by(user))
        .order_by("-booking__created_at", "-booking_id", "id")
    )


def _queue_position() -> Subquery:
    """Its place in its event's queue (1 = next), counting the entries still queued that
    joined before it; read only for queued entries (the serializer shows null otherwise)."""
    ahead = (
        WaitingListEntry.objects.filter(
            event_id=OuterRef("event_id"), status__in=QUEUED_STATUSES, id__lte=OuterRef("id")
        )
        .order_by()
        .values("event_id")
        .annotate(count=Count("id"))
        .values("count")
    )
    return Subquery(ahead)


def waiting_list_for_user(*, user: User) -> QuerySet[WaitingListEntry]:
    """The person's waiting-list entries, newest first, with their places in the queues."""
    return (
        WaitingListEntry.objects.filter(user=user)
        .select_related("event", "ticket_type")
        .annotate(queue_position=_queue_position())
        .order_by("-id")
    )


def waiting_list_for_event(*, event: Event) -> QuerySet[WaitingListEntry]:
    """An event's waiting list, in the order people joined (the organizer's view)."""
    return (
        WaitingListEntry.objects.filter(event=event)
        .select_related("user", "ticket_type")
        .annotate(queue_position=_queue_position())
        .order_by("id")
    )


def ticket_get(*, ticket_id: int) -> Ticket:
    """A ticket with what its holder's view shows, read again after a write (the caller
    checked the access before the write)."""
    return Ticket.objects.select_related("event", "ticket_type", "booking").get(id=ticket_id)
