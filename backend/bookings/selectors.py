"""Booking reads, scoped by the actor so nobody reads another person's booking by its id."""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet

from events.permissions import managed_events
from users.models import User

from .models import Booking, BookingItem, Ticket, TicketStatus


def _with_tickets(queryset: QuerySet[Booking]) -> QuerySet[Booking]:
    return queryset.select_related("event").prefetch_related(
        Prefetch("tickets", queryset=Ticket.objects.order_by("id")),
        Prefetch("items", queryset=BookingItem.objects.order_by("ticket_type_id")),
    )


def booking_list_for_user(*, user: User) -> QuerySet[Booking]:
    return _with_tickets(Booking.objects.filter(user=user)).order_by("-created_at", "-id")


def _visible_to(user: User, *, via: str = "") -> Q:
    """Bookings (or, through `via`, what belongs to one) that `user` may see: their own, and
    those of the events they manage. Everyone else gets 404."""
    if user.is_admin:  # Q() | Q(...) would not mean "all" but the other term alone
        return Q()
    return Q(**{f"{via}user": user}) | managed_events(user, via=f"{via}event__")


def booking_get_for_actor(*, booking_id: int, actor: User) -> Booking | None:
    return _with_tickets(Booking.objects.filter(_visible_to(actor), id=booking_id)).first()


def ticket_get_for_actor(*, ticket_id: int, actor: User) -> Ticket | None:
    """A ticket whose code may be shown: never one not paid for yet."""
    return (
        Ticket.objects.filter(_visible_to(actor, via="booking__"), id=ticket_id)
        .exclude(status=TicketStatus.PENDING)
        .first()
    )
