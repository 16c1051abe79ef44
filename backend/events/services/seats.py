"""The event's seat counters: the capacity of the event, the quota of each ticket type and,
when QE_SEAT_SLOTS splits them for a flash sale, the event's seat slots.

Seats are taken and given back only by conditional UPDATEs, in the caller's transaction,
always in one order: the event row, then its slot, then the types by id (so booking, paying,
expiring, cancelling and event cancellation never deadlock one another). A failed take
raises the domain error that explains it; the caller's transaction rolls back what it wrote.
The bookings app calls these for every booking; the event's own writes (a capacity change,
a cancellation) move the slots under the same event lock."""

from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.conf import settings
from django.db.models import F, Q
from django.db.models.lookups import LessThanOrEqual
from django.utils import timezone

from common.db import atomic_with_retry
from common.exceptions import DomainError, InvalidInput
from common.outbox import outbox_put

from ..errors import (
    CapacityExceeded,
    EventNotBookable,
    SalesClosed,
    SalesNotOpen,
    SoldOut,
    TicketTypeSoldOut,
)
from ..models import Event, EventStatus, SeatSlot, TicketType


@dataclass(frozen=True)
class Line:
    """One ticket type of a booking being made or given back."""

    ticket_type: TicketType
    quantity: int

    @property
    def amount(self) -> Decimal:
        return self.ticket_type.price * self.quantity


class NoSlotRoom(Exception):
    """No seat slot of the event has the room (or it has no slots yet): the caller makes the
    slots (seat_slots_make) or explains (why_no_slot)."""


class NoSeats(Exception):
    """Seats of a released booking could not be taken again (seats_retake)."""


def seat_slots_enabled() -> bool:
    return settings.QE_SEAT_SLOTS > 1


def sales_refusal(ticket_type: TicketType, now: datetime) -> DomainError | None:
    """Why this type is not on sale at `now`, or None."""
    if ticket_type.sales_start is not None and now < ticket_type.sales_start:
        return SalesNotOpen(
            f"Sales of {ticket_type.name} open at {ticket_type.sales_start.isoformat()}."
        )
    if ticket_type.sales_end is not None and now >= ticket_type.sales_end:
        return SalesClosed(f"Sales of {ticket_type.name} have ended.")
    return None


def why_not_taken(*, event_id: int, quantity: int, event: Event | None = None) -> DomainError:
    """Explain a failed seat grab. Read after the fact, so it is a message, not a decision."""
    if event is None:
        event = Event.objects.filter(id=event_id).first()
    if event is None or event.status == EventStatus.DRAFT:
        return InvalidInput(fields={"event": ["No such event."]})
    if event.status == EventStatus.CANCELLED:
        return EventNotBookable("This event was cancelled.")
    if event.ends_at <= timezone.now():
        return EventNotBookable("This event is over.")
    if quantity > event.max_per_booking:
        return InvalidInput(
            fields={"quantity": [f"At most {event.max_per_booking} tickets per booking."]}
        )
    left = event.tickets_available
    if left == 0:
        return SoldOut()
    return CapacityExceeded(f"Only {left} tickets are left.")


def _why_type_not_taken(*, ticket_type_id: int) -> DomainError:
    ticket_type = TicketType.objects.filter(id=ticket_type_id).first()
    if ticket_type is None:  # deleted while this booking was being made
        return InvalidInput(fields={"items": [f"Ticket type {ticket_type_id} is not sold."]})
    refusal = sales_refusal(ticket_type, timezone.now())
    if refusal is not None:
        return refusal
    left = max((ticket_type.quota or 0) - ticket_type.sold, 0)
    if left == 0:
        return TicketTypeSoldOut(f"{ticket_type.name} is sold out.")
    return TicketTypeSoldOut(f"Only {left} tickets of {ticket_type.name} are left.")


def seats_take(*, event_id: int, lines: list[Line], now: datetime) -> int | None:
    """In the caller's transaction, as its last statements (the hot rows stay locked only
    until its commit): the seats of `lines` from the event, its slot and each type's quota.
    Returns the slot's number (None when the seats are not slotted). Raises the reason when
    there is no room, NoSlotRoom when no slot has it."""
    quantity = sum(line.quantity for line in lines)
    taken = Event.objects.filter(
        LessThanOrEqual(F("tickets_sold") + quantity, F("capacity")),
        id=event_id,
        status=EventStatus.PUBLISHED,
        ends_at__gt=now,
        max_per_booking__gte=quantity,
    ).update(tickets_sold=F("tickets_sold") + quantity)
    if not taken:
        raise why_not_taken(event_id=event_id, quantity=quantity)
    slot = None
    if seat_slots_enabled():
        slot = _take_slot_seats(event_id=event_id, quantity=quantity)
        if slot is None:
            raise NoSlotRoom()
    _take_type_seats(lines, now=now)
    return slot


def _take_type_seats(lines: Iterable[Line], *, now: datetime) -> None:
    """Each type's seats by one conditional UPDATE, in id order (after the event row)."""
    for line in sorted(lines, key=lambda line: line.ticket_type.id):
        taken = TicketType.objects.filter(
            Q(quota__isnull=True) | Q(LessThanOrEqual(F("sold") + line.quantity, F("quota"))),
            Q(sales_start__isnull=True) | Q(sales_start__lte=now),
            Q(sales_end__isnull=True) | Q(sales_end__gt=now),
            id=line.ticket_type.id,
        ).update(sold=F("sold") + line.quantity)
        if not taken:
            raise _why_type_not_taken(ticket_type_id=line.ticket_type.id)


def _take_slot_seats(*, event_id: int, quantity: int) -> int | None:
    """`quantity` seats from one slot by a conditional UPDATE, starting at a random slot (so
    concurrent bookings spread over the rows) and moving on while they are full. Returns the
    slot's number, None when no slot has the room (or the event has no slots yet)."""
    count = max(settings.QE_SEAT_SLOTS, 1)
    start = random.randrange(count)  # noqa: S311 (spreading load, not a secret)
    tried = set()
    for step in range(count):
        number = (start + step) % count
        tried.add(number)
        if _slot_take(event_id=event_id, number=number, quantity=quantity):
            return number
    # Slots made under another QE_SEAT_SLOTS: those that exist and have the room.
    others = (
        SeatSlot.objects.filter(
            LessThanOrEqual(F("sold") + quantity, F("capacity")), event_id=event_id
        )
        .exclude(number__in=tried)
        .order_by("number")
        .values_list("number", flat=True)
    )
    for number in others:
        if _slot_take(event_id=event_id, number=number, quantity=quantity):
            return number
    return None


def _slot_take(*, event_id: int, number: int, quantity: int) -> bool:
    return bool(
        SeatSlot.objects.filter(
            LessThanOrEqual(F("sold") + quantity, F("capacity")),
            event_id=event_id,
            number=number,
        ).update(sold=F("sold") + quantity)
    )


def seat_slots_make(*, event_id: int) -> bool:
    """Split the seats left of an event over QE_SEAT_SLOTS slots, under the event row lock.
    False when it already has slots (nothing to make)."""

    def apply() -> bool:
        event = Event.objects.select_for_update().filter(id=event_id).first()
        if event is None or SeatSlot.objects.filter(event_id=event_id).exists():
            return False
        count = settings.QE_SEAT_SLOTS
        left = max(event.capacity - event.tickets_sold, 0)
        SeatSlot.objects.bulk_create(
            SeatSlot(
                event_id=event_id,
                number=number,
                capacity=left // count + (1 if number < left % count else 0),
            )
            for number in range(count)
        )
        return True

    return atomic_with_retry(apply)


def why_no_slot(*, event_id: int, quantity: int) -> DomainError:
    event = Event.objects.filter(id=event_id).first()
    if event is None or event.tickets_available < quantity:
        return why_not_taken(event_id=event_id, quantity=quantity, event=event)
    # The event has the seats, but spread over slots none of which holds them all.
    together = max(
        (slot.capacity - slot.sold for slot in SeatSlot.objects.filter(event_id=event_id)),
        default=0,
    )
    return CapacityExceeded(f"At most {together} tickets can be booked together now.")


def seat_slots_capacity_change(*, event_id: int, change: int) -> None:
    """In the caller's transaction, the event row locked (no booking moves a slot meanwhile):
    the organizer changed the capacity by `change` seats, and the slots' seats left follow.
    More: slot 0 grows. Fewer: taken from the free seats of the slots, the emptiest first
    (the caller checked that the capacity stays at or above the seats sold)."""
    slots = list(SeatSlot.objects.select_for_update().filter(event_id=event_id).order_by("number"))
    if not slots or change == 0:
        return
    if change > 0:
        SeatSlot.objects.filter(id=slots[0].id).update(capacity=F("capacity") + change)
        return
    remaining = -change
    for slot in sorted(slots, key=lambda slot: slot.sold - slot.capacity):
        cut = min(slot.capacity - slot.sold, remaining)
        if cut > 0:
            SeatSlot.objects.filter(id=slot.id).update(capacity=F("capacity") - cut)
            remaining -= cut
        if remaining == 0:
            return


def seats_give_back(
    *, event_id: int, quantity: int, slot: int | None, items: list[tuple[int, int]]
) -> None:
    """In the caller's transaction, after it locked the event row: the seats of a booking
    that ended go back to the event, its slot and each type (`items`: type id, count)."""
    Event.objects.filter(id=event_id).update(tickets_sold=F("tickets_sold") - quantity)
    if slot is not None:
        SeatSlot.objects.filter(event_id=event_id, number=slot).update(sold=F("sold") - quantity)
    else:
        # Booked before the event's seats were slotted: the seats join slot 0 (if there are
        # slots), so the slots' seats left stay the event's.
        SeatSlot.objects.filter(event_id=event_id, number=0).update(
            capacity=F("capacity") + quantity
        )
    for ticket_type_id, count in sorted(items):
        TicketType.objects.filter(id=ticket_type_id).update(sold=F("sold") - count)


def seats_retake(*, event_id: int, quantity: int, items: list[tuple[int, int]]) -> int | None:
    """Take a released booking's seats again (a payment that arrived after its hold ended),
    in the caller's savepoint: all of them or NoSeats. The sales window no longer matters:
    these seats were sold in it. Returns the slot's number (None when not slotted)."""
    taken = Event.objects.filter(
        LessThanOrEqual(F("tickets_sold") + quantity, F("capacity")),
        id=event_id,
        status=EventStatus.PUBLISHED,
        ends_at__gt=timezone.now(),
    ).update(tickets_sold=F("tickets_sold") + quantity)
    if not taken:
        raise NoSeats()
    slot = None
    if SeatSlot.objects.filter(event_id=event_id).exists():
        slot = _take_slot_seats(event_id=event_id, quantity=quantity)
        if slot is None:
            raise NoSeats()
    for ticket_type_id, count in sorted(items):
        if not TicketType.objects.filter(
            Q(quota__isnull=True) | Q(LessThanOrEqual(F("sold") + count, F("quota"))),
            id=ticket_type_id,
        ).update(sold=F("sold") + count):
            raise NoSeats()
    return slot


def seats_all_released(*, event_id: int) -> None:
    """In the cancellation's transaction (the event row locked): nothing is sold any more,
    nothing awaits a payment."""
    Event.objects.filter(id=event_id).update(manual_held=0, waiting_held=0)
    TicketType.objects.filter(event_id=event_id).update(sold=0, waiting_held=0)
    SeatSlot.objects.filter(event_id=event_id).delete()


# Seats were added (a raised capacity or quota): the bookings app, above this one, offers them
# to the event's waiting list (it handles the topic), right after the commit.
SEATS_ADDED = "events.seats_added"


def seats_added_queue(*, event_id: int) -> None:
    """In the transaction that added the seats."""
    outbox_put(topic=SEATS_ADDED, payload={"event": event_id})
