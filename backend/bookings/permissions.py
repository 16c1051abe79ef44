"""Who may see and do what with a booking or a ticket: the bookings app's one access rule.

- see (read it, its PDF): the booker, and whoever manages its event (events.permissions);
- cancel: the same people (the service decides the deadlines of each);
- pay, resend: the booker only;
- manage (mark paid, mark refunded): whoever manages its event only.
A waiting-list entry is its person's alone (leave, accept); the event's managers read the
event's list through events.permissions (EventAccess.MANAGE).
What an actor may not see answers 404 (nobody learns that a booking exists by its id), what
it may see but not do answers 403. A ticket's code is seen only by those who see its
booking, and never while it is unpaid.
"""

from __future__ import annotations

from enum import Enum

from django.db.models import Prefetch, Q

from common.exceptions import Forbidden, NotFound
from events.permissions import managed_events, may_manage
from users.models import User

from .models import Booking, BookingItem, Ticket, TicketStatus, WaitingListEntry


class BookingAccess(Enum):
    SEE = "see"
    CANCEL = "cancel"
    PAY = "pay"
    RESEND = "resend"
    MANAGE = "manage"


_BOOKER_ONLY = {
    BookingAccess.PAY: "Only the person who booked can pay.",
    BookingAccess.RESEND: "Only the person who booked can have the tickets sent again.",
}


def bookings_visible_to(user: User, *, via: str = "") -> Q:
    """Bookings (or, through `via`, what belongs to one) that `user` may see, as a filter:
    their own, and those of the events they manage."""
    if user.is_admin:  # Q() | Q(...) would not mean "all" but the other term alone
        return Q()
    return Q(**{f"{via}user": user}) | managed_events(user, via=f"{via}event__")


def is_booker(user: User | None, booking: Booking) -> bool:
    """Only the booker sees what finishes a card payment (Stripe's client secret)."""
    return user is not None and user.is_authenticated and booking.user_id == user.id


def booking_for(*, user: User, booking_id: int, access: BookingAccess) -> Booking:
    """The booking (with its event, tickets and items) if `user` may do `access` with it;
    NotFound if it may not even see it, Forbidden if it may see it but not do that."""
    booking = (
        Booking.objects.select_related("event", "code")
        .prefetch_related(
            Prefetch(
                "tickets", queryset=Ticket.objects.select_related("ticket_type").order_by("id")
            ),
            Prefetch("items", queryset=BookingItem.objects.order_by("ticket_type_id")),
        )
        .filter(id=booking_id)
        .first()
    )
    if booking is None:
        raise NotFound("No such booking.")
    booker = is_booker(user, booking)
    manages = may_manage(user, booking.event)
    if not (booker or manages):
        raise NotFound("No such booking.")
    if access in _BOOKER_ONLY and not booker:
        raise Forbidden(_BOOKER_ONLY[access])
    if access is BookingAccess.MANAGE and not manages:
        raise Forbidden("Only the event's organizer can do this.")
    return booking


def ticket_code_for_viewer(*, user: User, ticket_id: int) -> Ticket:
    """A ticket whose code (QR image) `user` may see, paid for and not revoked: one it
    holds, or one of an event it manages (not the booker's once transferred away)."""
    visible = Q() if user.is_admin else tickets_held_by(user) | managed_events(user, via="event__")
    ticket = (
        Ticket.objects.filter(visible, id=ticket_id)
        .exclude(status__in=(TicketStatus.PENDING, TicketStatus.REVOKED))
        .first()
    )
    if ticket is None:
        raise NotFound("No such ticket.")
    return ticket


def tickets_held_by(user: User) -> Q:
    """The tickets `user` holds, as a filter: those of their own bookings not transferred
    away, and those transferred to their address once they have confirmed it (an address
    nobody confirmed claims nothing). A revoked ticket is nobody's."""
    held = Q(booking__user=user, holder_email="")
    if user.email_verified:
        held |= Q(holder_email=user.email.lower())
    return held & ~Q(status=TicketStatus.REVOKED)


def ticket_for_holder(*, user: User, ticket_id: int) -> Ticket:
    """A ticket `user` holds (with its event, type and booking), else NotFound: nobody reads
    or edits another person's ticket by its id, not even the event's organizer here (they
    see it in their attendee list)."""
    ticket = (
        Ticket.objects.select_related("event", "ticket_type", "booking__user")
        .filter(tickets_held_by(user), id=ticket_id)
        .first()
    )
    if ticket is None:
        raise NotFound("No such ticket.")
    return ticket


def waiting_entry_for(*, user: User, entry_id: int) -> WaitingListEntry:
    """A waiting-list entry of `user`'s own (leave it, accept its offer), else NotFound: the
    organizer sees the event's list, but never acts for the person."""
    entry = WaitingListEntry.objects.filter(user_id=user.id, id=entry_id).first()
    if entry is None:
        raise NotFound("No such waiting-list entry.")
    return entry
