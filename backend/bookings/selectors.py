"""Booking reads, scoped by the actor so nobody reads another person's booking by its id."""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet

from users.models import User

from .models import Booking, Ticket


def _with_tickets(queryset: QuerySet[Booking]) -> QuerySet[Booking]:
    return queryset.select_related("event").prefetch_related(
        Prefetch("tickets", queryset=Ticket.objects.order_by("id"))
    )


def booking_list_for_user(*, user: User) -> QuerySet[Booking]:
    return _with_tickets(Booking.objects.filter(user=user)).order_by("-created_at", "-id")


def _visible_to(user: User) -> Q:
    """The booker, the event's organizer, or an admin."""
    if user.is_admin:
        return Q()
    return Q(user=user) | Q(event__organizer=user)


def booking_get_for_actor(*, booking_id: int, actor: User) -> Booking | None:
    return _with_tickets(Booking.objects.filter(_visible_to(actor), id=booking_id)).first()


def ticket_get_for_actor(*, ticket_id: int, actor: User) -> Ticket | None:
    visible = Q() if actor.is_admin else Q(booking__user=actor) | Q(event__organizer=actor)
    return Ticket.objects.filter(visible, id=ticket_id).first()
