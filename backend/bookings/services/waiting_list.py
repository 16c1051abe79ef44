"""The waiting list, as its people use it: join a sold-out event (or type), leave, accept an
offer. The offers themselves (holding seats, lapsing) are waiting_offers'.

- Joining is for a person who may book, when the event or the type has fewer seats left than
  the quantity asked, and is decided under the event row lock: a seat given back afterwards
  is offered to this entry (no entry waits while seats that fit it are free).
- Someone holding an active booking of the event does not queue for it (409
  `duplicate_booking`, the booking's own rule); one who books meanwhile cannot accept an
  offer either (the same answer), and the offer lapses or is left.
- Accepting books the held seats: in one transaction, the event row locked, the offer's seats
  are given back and booked at once (booking_create: priced types as any paid booking, a
  hold with the event's payment rules; free ones confirmed). Nobody can take them in
  between; a refused booking rolls it all back and the offer stands."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from common.db import atomic_with_retry
from common.exceptions import InvalidInput, NotFound
from events.models import Event, EventStatus, TicketType
from events.services.locking import event_lock, event_locked
from events.services.seats import sales_refusal
from users.models import User
from users.permissions import require_verified_email

from ..errors import (
    AlreadyWaiting,
    DuplicateBooking,
    NotOffered,
    NotSoldOut,
    OfferExpired,
    TicketTypeRequired,
    WaitingListOff,
)
from ..models import Booking, WaitingListEntry, WaitingStatus
from .create import booking_create
from .holds import booking_expire_due
from .waiting_offers import offer_seats_give_back, waiting_list_offer, waiting_offer_expire


def _ticket_type(event: Event, ticket_type_id: int | None) -> TicketType:
    types = list(TicketType.objects.filter(event_id=event.id))
    if ticket_type_id is not None:
        for ticket_type in types:
            if ticket_type.id == ticket_type_id:
                return ticket_type
        raise InvalidInput(fields={"ticket_type": ["Not a ticket type of this event."]})
    if len(types) == 1:
        return types[0]
    raise TicketTypeRequired("Say which ticket type you wait for (ticket_type).")


def _check_quantity(event: Event, ticket_type: TicketType, quantity: int) -> None:
    limit = min(event.max_per_booking, ticket_type.max_per_booking or event.max_per_booking)
    if quantity < 1 or quantity > limit:
        raise InvalidInput(fields={"quantity": [f"From 1 to {limit} tickets."]})


def _seats_left(event: Event, ticket_type: TicketType) -> int:
    left = event.capacity - event.tickets_sold
    if ticket_type.quota is not None:
        left = min(left, ticket_type.quota - ticket_type.sold)
    return max(left, 0)


def _join_locked(
    *, user: User, event_id: int, ticket_type_id: int | None, quantity: int
) -> WaitingListEntry:
    event = event_locked(event_id)
    if event.status != EventStatus.PUBLISHED or event.ends_at <= timezone.now():
        raise NotFound("No such event.")
    if not event.waiting_list:
        raise WaitingListOff()
    ticket_type = _ticket_type(event, ticket_type_id)
    _check_quantity(event, ticket_type, quantity)
    if sales_refusal(ticket_type, timezone.now()) is None and (
        _seats_left(event, ticket_type) >= quantity
    ):
        raise NotSoldOut()
    if Booking.objects.filter(user=user, event_id=event_id, active=True).exists():
        raise DuplicateBooking()
    try:
        with transaction.atomic():
            return WaitingListEntry.objects.create(
                user=user, event=event, ticket_type=ticket_type, quantity=quantity
            )
    except IntegrityError as error:  # one queued entry per person per event
        raise AlreadyWaiting() from error


def waiting_list_join(
    *, user: User, event_id: int, quantity: int, ticket_type_id: int | None = None
) -> WaitingListEntry:
    """Queue for `quantity` tickets of a sold-out event (or of its sold-out type)."""
    require_verified_email(user)
    if not Event.objects.filter(id=event_id, status=EventStatus.PUBLISHED).exists():
        raise NotFound("No such event.")
    # Holds that ended give their seats back first (to the queue, then to anyone).
    booking_expire_due(event_id=event_id)
    return atomic_with_retry(
        lambda: _join_locked(
            user=user, event_id=event_id, ticket_type_id=ticket_type_id, quantity=quantity
        )
    )


def waiting_list_leave(*, entry: WaitingListEntry) -> None:
    """Leave the queue; an offer's held seats pass on to the next entries. Leaving an entry
    that already ended changes nothing."""

    def apply() -> None:
        event_lock(entry.event_id)
        current = WaitingListEntry.objects.select_for_update().get(id=entry.id)
        if current.status not in (WaitingStatus.WAITING, WaitingStatus.OFFERED):
            return
        WaitingListEntry.objects.filter(id=entry.id).update(
            status=WaitingStatus.LEFT, active=None, ended_at=timezone.now()
        )
        if current.status == WaitingStatus.OFFERED:
            offer_seats_give_back(current)
            waiting_list_offer(event_id=current.event_id)

    atomic_with_retry(apply)


def waiting_list_accept(
    *,
    entry: WaitingListEntry,
    user: User,
    payment_method: str | None = None,
    attendees: list[dict] | None = None,
    answers: dict[str, Any] | None = None,
) -> Booking:
    """Book an offer's held seats (see the module's doc)."""
    require_verified_email(user)
    if waiting_offer_expire(entry_id=entry.id):
        raise OfferExpired()

    def apply() -> Booking:
        event_lock(entry.event_id)
        current = WaitingListEntry.objects.select_for_update().get(id=entry.id)
        if current.status == WaitingStatus.EXPIRED:
            raise OfferExpired()
        if current.status != WaitingStatus.OFFERED:
            raise NotOffered()
        WaitingListEntry.objects.filter(id=current.id).update(
            status=WaitingStatus.BOOKED, active=None, ended_at=timezone.now()
        )
        offer_seats_give_back(current)
        booking, _ = booking_create(
            user=user,
            event_id=current.event_id,
            items=[(current.ticket_type_id, current.quantity)],
            payment_method=payment_method,
            attendees=attendees,
            answers=answers,
        )
        WaitingListEntry.objects.filter(id=current.id).update(booking=booking)
        return booking

    return atomic_with_retry(apply)
