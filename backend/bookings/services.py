"""Booking writes. Seats are taken and given back by conditional writes on the event row and
on the rows of the ticket types, in one short transaction that always locks the event row
first and then the types by id (the same order everywhere, so booking, paying, expiring,
cancelling and event cancellation never deadlock one another).

Money: a booking of a paid total is `pending_payment` with a hold (`expires_at`); the payment
arrives through Stripe (`booking_pay`, the webhook) or is marked by the organizer
(`booking_mark_paid`); all of them end in `_payment_arrived`, which confirms once. Refunds and
PaymentIntent cancellations are outbox messages written in the transaction of their cause and
done by the worker, retrying."""

from __future__ import annotations

import logging
import random
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

import stripe
from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.db.models.lookups import LessThanOrEqual
from django.utils import timezone

from common.db import atomic_with_retry
from common.exceptions import DomainError, InvalidInput
from common.jobs import every
from common.outbox import handles, outbox_put
from events.models import Event, EventStatus, PaymentMethod, TicketType
from events.permissions import may_manage
from users.models import User
from users.permissions import require_verified_email

from . import notifications, payments
from .backup_codes import backup_code_new
from .models import (
    ENDED_STATUSES,
    Booking,
    BookingItem,
    BookingStatus,
    CancelledBy,
    PaymentStatus,
    SeatSlot,
    StripeEvent,
    Ticket,
    TicketStatus,
)
from .ticket_codes import keyring

logger = logging.getLogger(__name__)


class SoldOut(DomainError):
    code = "sold_out"
    status_code = 409
    default_detail = "This event is sold out."


class CapacityExceeded(DomainError):
    code = "capacity_exceeded"
    status_code = 409
    default_detail = "Fewer tickets are left than you asked for."


class DuplicateBooking(DomainError):
    code = "duplicate_booking"
    status_code = 409
    default_detail = "You already have a booking for this event."


class EventNotBookable(DomainError):
    code = "event_not_bookable"
    status_code = 400
    default_detail = "This event cannot be booked."


class BookingCheckedIn(DomainError):
    code = "booking_checked_in"
    status_code = 409
    default_detail = "A ticket of this booking was already used at the door."


class IdempotencyKeyReused(DomainError):
    code = "idempotency_key_reused"
    status_code = 409
    default_detail = "This Idempotency-Key was used for a different booking."


class TicketTypeSoldOut(DomainError):
    code = "ticket_type_sold_out"
    status_code = 409
    default_detail = "This ticket type is sold out."


class SalesNotOpen(DomainError):
    code = "sales_not_open"
    status_code = 400
    default_detail = "Sales of this ticket type have not started yet."


class SalesClosed(DomainError):
    code = "sales_closed"
    status_code = 400
    default_detail = "Sales of this ticket type have ended."


class TicketTypeRequired(DomainError):
    code = "ticket_type_required"
    status_code = 400
    default_detail = "Several ticket types are on sale: say which ones (items)."


class PaymentMethodUnavailable(DomainError):
    code = "payment_method_unavailable"
    status_code = 400
    default_detail = "This payment method is not available for this event."


class PaymentDeclined(DomainError):
    code = "payment_declined"
    status_code = 402
    default_detail = "The card was declined. You may try another card while your seats are held."


class PaymentNotExpected(DomainError):
    code = "payment_not_expected"
    status_code = 409
    default_detail = "This booking is not waiting for a payment."


class HoldExpired(DomainError):
    code = "hold_expired"
    status_code = 409
    default_detail = "The hold on these seats ended before the payment: book again."


class PaymentProviderError(DomainError):
    code = "payment_provider_error"
    status_code = 502
    default_detail = "The payment provider could not be reached. Nothing was charged; try again."


class CancelClosed(DomainError):
    code = "cancel_closed"
    status_code = 409
    default_detail = "This booking can no longer be cancelled online: ask the organizer."


class NotRefundable(DomainError):
    code = "not_refundable"
    status_code = 409
    default_detail = "No refund is waiting for this booking."


class InvalidSignature(DomainError):
    code = "invalid_signature"
    status_code = 400
    default_detail = "The webhook signature is missing, wrong or too old."


@dataclass(frozen=True)
class Line:
    """One ticket type of a booking being made."""

    ticket_type: TicketType
    quantity: int

    @property
    def amount(self) -> Decimal:
        return self.ticket_type.price * self.quantity


def _replay(booking: Booking, *, event_id: int, quantity: int) -> Booking:
    if booking.event_id != event_id or booking.quantity != quantity:
        raise IdempotencyKeyReused()
    return booking


def _why_not_taken(*, event_id: int, quantity: int, event: Event | None = None) -> DomainError:
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


def _sales_refusal(ticket_type: TicketType, now: datetime) -> DomainError | None:
    if ticket_type.sales_start is not None and now < ticket_type.sales_start:
        return SalesNotOpen(
            f"Sales of {ticket_type.name} open at {ticket_type.sales_start.isoformat()}."
        )
    if ticket_type.sales_end is not None and now >= ticket_type.sales_end:
        return SalesClosed(f"Sales of {ticket_type.name} have ended.")
    return None


def _why_type_not_taken(*, ticket_type_id: int, quantity: int) -> DomainError:
    ticket_type = TicketType.objects.filter(id=ticket_type_id).first()
    if ticket_type is None:  # deleted while this booking was being made
        return InvalidInput(fields={"items": [f"Ticket type {ticket_type_id} is not sold."]})
    refusal = _sales_refusal(ticket_type, timezone.now())
    if refusal is not None:
        return refusal
    left = max((ticket_type.quota or 0) - ticket_type.sold, 0)
    if left == 0:
        return TicketTypeSoldOut(f"{ticket_type.name} is sold out.")
    return TicketTypeSoldOut(f"Only {left} tickets of {ticket_type.name} are left.")


def _earlier_booking(user: User, idempotency_key: str | None) -> Booking | None:
    if not idempotency_key:
        return None
    return (
        Booking.objects.select_related("event")
        .filter(user=user, idempotency_key=idempotency_key)
        .first()
    )


def _lines(
    *, event: Event, quantity: int | None, items: list[tuple[int, int]] | None
) -> list[Line]:
    """What is being booked, by ticket type (sorted by id: the lock order). A v1 request
    (`quantity` alone) books the one type on sale."""
    types = {ticket_type.id: ticket_type for ticket_type in event.ticket_types.all()}
    if items:
        wanted: dict[int, int] = {}
        for type_id, count in items:
            if type_id not in types:
                raise InvalidInput(
                    fields={"items": [f"Ticket type {type_id} is not sold for this event."]}
                )
            wanted[type_id] = wanted.get(type_id, 0) + count
        lines = [Line(types[type_id], count) for type_id, count in sorted(wanted.items())]
    else:
        if not types:
            raise EventNotBookable("No tickets are on sale for this event.")
        now = timezone.now()
        on_sale = [t for t in types.values() if _sales_refusal(t, now) is None]
        if len(types) == 1:
            chosen = next(iter(types.values()))
        elif len(on_sale) == 1:
            chosen = on_sale[0]
        elif on_sale:
            raise TicketTypeRequired()
        else:
            raise _sales_refusal(min(types.values(), key=lambda t: (t.position, t.id)), now)
        lines = [Line(chosen, quantity or 1)]
    for line in lines:
        limit = line.ticket_type.max_per_booking
        if limit is not None and line.quantity > limit:
            raise InvalidInput(
                fields={"items": [f"At most {limit} tickets of {line.ticket_type.name}."]}
            )
    return lines


def _payment_terms(
    *, event: Event, total: Decimal, payment_method: str | None
) -> tuple[str, datetime | None]:
    """The method and hold of a booking of `total`: none for a free one."""
    if total == 0:
        return "", None
    offered = [m for m in event.payment_methods if m in _enabled_methods()]
    method = payment_method or (offered[0] if offered else None)
    if method is None or method not in offered:
        raise PaymentMethodUnavailable(
            "Choose one of: " + ", ".join(offered) if offered else "This event takes no payments."
        )
    now = timezone.now()
    if method == PaymentMethod.STRIPE:
        expires_at = now + timedelta(minutes=event.hold_minutes)
    else:
        # A bank transfer takes days, but the seats are never held past the start.
        expires_at = min(now + timedelta(hours=event.manual_payment_hours), event.starts_at)
        if expires_at <= now + timedelta(minutes=1):
            raise PaymentMethodUnavailable("Too close to the start to pay by bank transfer.")
    return method, expires_at


def _enabled_methods() -> list[str]:
    methods = [PaymentMethod.MANUAL.value]
    if payments.stripe_enabled():
        methods.append(PaymentMethod.STRIPE.value)
    return methods


def _take_type_seats(lines: Iterable[Line], *, now: datetime) -> None:
    """Each type's seats by one conditional UPDATE, in id order (after the event row)."""
    for line in sorted(lines, key=lambda line: line.ticket_type.id):
        taken = (
            TicketType.objects.filter(
                Q(quota__isnull=True) | Q(LessThanOrEqual(F("sold") + line.quantity, F("quota"))),
                Q(sales_start__isnull=True) | Q(sales_start__lte=now),
                Q(sales_end__isnull=True) | Q(sales_end__gt=now),
                id=line.ticket_type.id,
            )
        ).update(sold=F("sold") + line.quantity)
        if not taken:
            raise _why_type_not_taken(ticket_type_id=line.ticket_type.id, quantity=line.quantity)


def _take_event_seats(*, event_id: int, quantity: int, now: datetime) -> None:
    taken = Event.objects.filter(
        LessThanOrEqual(F("tickets_sold") + quantity, F("capacity")),
        id=event_id,
        status=EventStatus.PUBLISHED,
        ends_at__gt=now,
        max_per_booking__gte=quantity,
    ).update(tickets_sold=F("tickets_sold") + quantity)
    if not taken:
        raise _why_not_taken(event_id=event_id, quantity=quantity)


def booking_create(
    *,
    user: User,
    event_id: int,
    quantity: int | None = None,
    items: list[tuple[int, int]] | None = None,
    payment_method: str | None = None,
    idempotency_key: str | None = None,
) -> tuple[Booking, bool]:
    """Book tickets: `quantity` of the event's one type (v1), or `items` [(type id, count)].
    Returns the booking (with its event, tickets and items loaded, ready to answer) and
    whether it is a replay of an earlier request with the same Idempotency-Key.

    A free booking is confirmed at once; a paid one is `pending_payment`, holding its seats
    until `expires_at`. The hot rows (the event, then its types) are taken by conditional
    UPDATEs as the last statements of the transaction, so they stay locked only until the
    commit: the event and its types (prices copied onto the booking as the attendee saw them)
    are read first, the booking, its items, tickets and e-mail written next, and duplicates
    are left to the unique constraint. A failed UPDATE rolls all of it back. An event with no
    room left is answered from that first read, without a transaction.
    """
    require_verified_email(user)
    total_quantity = sum(count for _, count in items) if items else quantity or 0
    earlier = _earlier_booking(user, idempotency_key)
    if earlier is not None:
        return _replay(earlier, event_id=event_id, quantity=total_quantity), True
    if total_quantity < 1:
        raise InvalidInput(fields={"quantity": ["Book at least one ticket."]})
    event = _event_with_types(event_id)
    if event is None:
        raise InvalidInput(fields={"event": ["No such event."]})
    if event.tickets_sold + total_quantity > event.capacity:
        # No room: holds that ended give their seats back before anyone is told the event is
        # sold out (with room, the sweep and the readers of bookings expire them).
        if booking_expire_due(event_id=event_id):
            event = _event_with_types(event_id)
        if event.tickets_sold + total_quantity > event.capacity:
            raise _why_not_taken(event_id=event_id, quantity=total_quantity, event=event)
    lines = _lines(event=event, quantity=quantity, items=items)
    total = sum((line.amount for line in lines), Decimal("0"))
    method, expires_at = _payment_terms(event=event, total=total, payment_method=payment_method)
    key_id = keyring().active_key_id
    paid_for = total == 0
    slotted = seat_slots_enabled()

    def take_seats_and_book() -> Booking:
        now = timezone.now()
        booking = Booking(
            user=user,
            event=event,
            quantity=total_quantity,
            status=BookingStatus.CONFIRMED if paid_for else BookingStatus.PENDING_PAYMENT,
            unit_price=lines[0].ticket_type.price
            if len(lines) == 1
            else (total / total_quantity).quantize(Decimal("0.01")),
            total_amount=total,
            currency=event.currency,
            idempotency_key=idempotency_key or None,
            expires_at=expires_at,
            payment_method=method,
            payment_status=PaymentStatus.NOT_REQUIRED if paid_for else PaymentStatus.PENDING,
        )
        booking.save(force_insert=True)
        booking_items = BookingItem.objects.bulk_create(
            BookingItem(
                booking=booking,
                ticket_type=line.ticket_type,
                name=line.ticket_type.name,
                quantity=line.quantity,
                unit_price=line.ticket_type.price,
            )
            for line in lines
        )
        codes = iter(_distinct_backup_codes(total_quantity))
        tickets = Ticket.objects.bulk_create(
            Ticket(
                booking=booking,
                event_id=event_id,
                ticket_type=line.ticket_type,
                key_id=key_id,
                backup_code=next(codes),
                status=TicketStatus.VALID if paid_for else TicketStatus.PENDING,
                changed_at=now,
            )
            for line in lines
            for _ in range(line.quantity)
        )
        if paid_for:
            notifications.booking_confirmation_queue(booking=booking, new=True)
        else:
            notifications.booking_payment_due_queue(booking=booking, new=True)
        # Last: the hot rows, locked from here to the commit (event first, then its seat
        # slot, then types by id).
        _take_event_seats(event_id=event_id, quantity=total_quantity, now=now)
        if slotted:
            number = _take_slot_seats(event_id=event_id, quantity=total_quantity)
            if number is None:
                raise _NoSlotRoom()
            Booking.objects.filter(id=booking.id).update(seat_slot=number)
            booking.seat_slot = number
        _take_type_seats(lines, now=now)
        event.tickets_sold += total_quantity  # as this booking left it (the answer's phase)
        # The answer is built from the rows just written, not read back: the same values.
        _as_prefetched(booking, "tickets", tickets)
        _as_prefetched(booking, "items", booking_items)
        return booking

    expired_own_hold = slots_made = False
    # + 1: after expiring the own hold; + 1: after making the event's seat slots.
    for attempt in range(1, BACKUP_CODE_ATTEMPTS + 3):
        try:
            return atomic_with_retry(take_seats_and_book), False
        except _NoSlotRoom:
            if not slots_made and seat_slots_make(event_id=event_id):
                slots_made = True
                continue  # the event's first slotted booking: its slots exist now
            raise _why_no_slot(event_id=event_id, quantity=total_quantity) from None
        except IntegrityError as error:
            if _is_backup_code_collision(error) and attempt < BACKUP_CODE_ATTEMPTS:
                continue  # one in billions: draw new codes and book again
            # A concurrent request won: the same Idempotency-Key retried at the same moment
            # (answer with its booking), or another active booking of this attendee here.
            earlier = _earlier_booking(user, idempotency_key)
            if earlier is not None:
                return _replay(earlier, event_id=event_id, quantity=total_quantity), True
            # That booking may be the attendee's own hold that ended unpaid: expired, it frees
            # the attendee to book again (once).
            if not expired_own_hold and booking_expire_due(event_id=event_id, user_id=user.id):
                expired_own_hold = True
                continue
            raise DuplicateBooking() from error
    raise AssertionError("unreachable")


def _as_prefetched(booking: Booking, relation: str, rows: list) -> None:
    """`booking.<relation>.all()` answers `rows` without a query, as prefetch_related leaves
    it (the same two attributes Django's prefetch sets)."""
    queryset = getattr(booking, relation).get_queryset()
    queryset._result_cache = rows
    queryset._prefetch_done = True
    booking.__dict__.setdefault("_prefetched_objects_cache", {})[relation] = queryset


class _NoSlotRoom(Exception):
    pass


def seat_slots_enabled() -> bool:
    return settings.QE_SEAT_SLOTS > 1


def _take_slot_seats(*, event_id: int, quantity: int) -> int | None:
    """In the booking's transaction, after the event row: `quantity` seats from one slot by a
    conditional UPDATE, starting at a random slot (so concurrent bookings spread over the
    rows) and moving on while they are full. Returns the slot's number, None when no slot
    has the room (or the event has no slots yet)."""
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


def _why_no_slot(*, event_id: int, quantity: int) -> DomainError:
    event = Event.objects.filter(id=event_id).first()
    if event is None or event.tickets_available < quantity:
        return _why_not_taken(event_id=event_id, quantity=quantity, event=event)
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


def _event_with_types(event_id: int) -> Event | None:
    return Event.objects.prefetch_related("ticket_types").filter(id=event_id).first()


def _lock_event(event_id: int) -> None:
    list(Event.objects.select_for_update().filter(id=event_id).values_list("id"))


def _give_seats_back(booking: Booking) -> None:
    """In the caller's transaction, after it locked the event row and flipped the booking."""
    Event.objects.filter(id=booking.event_id).update(
        tickets_sold=F("tickets_sold") - booking.quantity
    )
    if booking.seat_slot is not None:
        SeatSlot.objects.filter(event_id=booking.event_id, number=booking.seat_slot).update(
            sold=F("sold") - booking.quantity
        )
    else:
        # Booked before the event's seats were slotted: the seats join slot 0 (if there are
        # slots), so the slots' seats left stay the event's.
        SeatSlot.objects.filter(event_id=booking.event_id, number=0).update(
            capacity=F("capacity") + booking.quantity
        )
    for item in BookingItem.objects.filter(booking_id=booking.id).order_by("ticket_type_id"):
        TicketType.objects.filter(id=item.ticket_type_id).update(sold=F("sold") - item.quantity)
    # changed_at: the door kits pick the revocation up by cursor.
    Ticket.objects.filter(booking_id=booking.id).update(
        status=TicketStatus.CANCELLED, inside=False, changed_at=timezone.now()
    )


def _retake_seats(booking: Booking) -> bool:
    """Take a released booking's seats again (a payment that arrived after its hold ended).
    In a savepoint: all of them or none."""
    now = timezone.now()
    items = list(
        BookingItem.objects.select_related("ticket_type")
        .filter(booking_id=booking.id)
        .order_by("ticket_type_id")
    )
    try:
        with transaction.atomic():
            taken = Event.objects.filter(
                LessThanOrEqual(F("tickets_sold") + booking.quantity, F("capacity")),
                id=booking.event_id,
                status=EventStatus.PUBLISHED,
                ends_at__gt=now,
            ).update(tickets_sold=F("tickets_sold") + booking.quantity)
            if not taken:
                raise _NoSeats()
            if SeatSlot.objects.filter(event_id=booking.event_id).exists():
                number = _take_slot_seats(event_id=booking.event_id, quantity=booking.quantity)
                if number is None:
                    raise _NoSeats()
                Booking.objects.filter(id=booking.id).update(seat_slot=number)
            for item in items:
                # The sales window no longer matters: these seats were sold in it.
                if not TicketType.objects.filter(
                    Q(quota__isnull=True)
                    | Q(LessThanOrEqual(F("sold") + item.quantity, F("quota"))),
                    id=item.ticket_type_id,
                ).update(sold=F("sold") + item.quantity):
                    raise _NoSeats()
            # active=True again: the unique constraint refuses it if the attendee has
            # booked this event anew in the meantime.
            Booking.objects.filter(id=booking.id).update(
                status=BookingStatus.CONFIRMED, active=True, cancelled_at=None
            )
    except (_NoSeats, IntegrityError):
        return False
    return True


class _NoSeats(Exception):
    pass


def _payment_arrived(*, booking_id: int, intent_id: str | None = None) -> Booking | None:
    """The money of a booking arrived (card, or marked by the organizer). Confirms a pending
    booking and issues its tickets, once however many times it is called (the `pay` answer
    and the webhook race). After the hold ended it confirms if the seats can be taken again,
    else the payment is refunded and the buyer told."""
    event_id = Booking.objects.filter(id=booking_id).values_list("event_id", flat=True).first()
    if event_id is None:
        return None

    def apply() -> Booking:
        _lock_event(event_id)
        booking = Booking.objects.select_for_update().get(id=booking_id)
        if booking.payment_status in (
            PaymentStatus.PAID,
            PaymentStatus.REFUND_PENDING,
            PaymentStatus.REFUNDED,
            PaymentStatus.NOT_REQUIRED,
        ):
            if intent_id and booking.stripe_payment_intent not in (None, intent_id):
                # A second card payment of a booking already paid (two pay requests at
                # once): that one goes back in full.
                outbox_put(
                    topic=STRIPE_REFUND_INTENT,
                    payload={"intent": intent_id},
                    dedupe_key=f"stripe-refund-intent:{intent_id}",
                )
            return booking  # already done: a repeated delivery
        now = timezone.now()
        fields: dict[str, Any] = {"paid_at": now, "stripe_client_secret": ""}
        if intent_id:
            fields["stripe_payment_intent"] = intent_id
        if booking.status == BookingStatus.PENDING_PAYMENT:
            Booking.objects.filter(id=booking.id).update(
                status=BookingStatus.CONFIRMED, payment_status=PaymentStatus.PAID, **fields
            )
            confirmed = True
        elif booking.status == BookingStatus.EXPIRED and _retake_seats(booking):
            Booking.objects.filter(id=booking.id).update(
                payment_status=PaymentStatus.PAID, **fields
            )
            confirmed = True
        else:
            Booking.objects.filter(id=booking.id).update(
                payment_status=PaymentStatus.REFUND_PENDING, **fields
            )
            confirmed = False
        booking.refresh_from_db()
        if confirmed:
            # changed_at: the door kits pick the newly valid tickets up by cursor.
            Ticket.objects.filter(booking_id=booking.id).update(
                status=TicketStatus.VALID, changed_at=timezone.now()
            )
            notifications.booking_confirmation_queue(booking=booking)
        else:
            _refund_queue(booking, reason="late_payment")
        return booking

    return atomic_with_retry(apply)


def _refund_queue(booking: Booking, *, reason: str) -> None:
    """In the caller's transaction: refund a card payment through the worker (a manual one
    waits for the organizer), and tell the buyer."""
    if booking.payment_method == PaymentMethod.STRIPE and booking.stripe_payment_intent:
        outbox_put(
            topic=STRIPE_REFUND,
            payload={"booking": booking.id},
            dedupe_key=f"stripe-refund:{booking.id}",
        )
    notifications.booking_refund_notice_queue(booking=booking, reason=reason)


def booking_mark_paid(*, booking: Booking) -> Booking:
    """The organizer received a manual payment (bank transfer, box office)."""
    if booking.payment_method != PaymentMethod.MANUAL or booking.payment_status not in (
        PaymentStatus.PENDING,
        PaymentStatus.FAILED,
    ):
        raise PaymentNotExpected()
    return _payment_arrived(booking_id=booking.id) or booking


def booking_mark_refunded(*, booking: Booking) -> Booking:
    """The organizer paid a manual payment back."""

    def apply() -> None:
        done = Booking.objects.filter(
            id=booking.id,
            payment_method=PaymentMethod.MANUAL,
            payment_status=PaymentStatus.REFUND_PENDING,
        ).update(payment_status=PaymentStatus.REFUNDED, refunded_amount=F("total_amount"))
        if not done:
            raise NotRefundable()

    atomic_with_retry(apply)
    booking.refresh_from_db()
    return booking


def booking_expire(*, booking_id: int) -> bool:
    """End the hold of an unpaid booking past its `expires_at`: its seats go back, its
    PaymentIntent is cancelled. The row stays (status `expired`)."""
    booking = Booking.objects.filter(id=booking_id).first()
    if booking is None:
        return False

    def apply() -> bool:
        _lock_event(booking.event_id)
        flipped = Booking.objects.filter(
            id=booking_id,
            status=BookingStatus.PENDING_PAYMENT,
            expires_at__lte=timezone.now(),
        ).update(
            status=BookingStatus.EXPIRED,
            active=None,
            payment_status=PaymentStatus.FAILED,
            stripe_client_secret="",
        )
        if flipped:
            _give_seats_back(booking)
            _intent_cancel_queue(booking_id)
        return bool(flipped)

    return atomic_with_retry(apply)


def _intent_cancel_queue(booking_id: int) -> None:
    intent = (
        Booking.objects.filter(id=booking_id)
        .values_list("stripe_payment_intent", flat=True)
        .first()
    )
    if intent:
        outbox_put(
            topic=STRIPE_CANCEL_INTENT,
            payload={"intent": intent},
            dedupe_key=f"stripe-cancel:{intent}",
        )


HOLD_SWEEP_BATCH = 500


def booking_expire_due(*, event_id: int | None = None, user_id: int | None = None) -> int:
    """Expire the holds that ended (of one event, of one attendee's bookings, or all): when a
    booking finds the event without room, when an attendee's booking meets their own ended
    hold, when bookings are read, and by the periodic sweep."""
    due = Booking.objects.filter(
        status=BookingStatus.PENDING_PAYMENT, expires_at__lte=timezone.now()
    )
    if event_id is not None:
        due = due.filter(event_id=event_id)
    if user_id is not None:
        due = due.filter(user_id=user_id)
    ids = list(due.order_by("expires_at").values_list("id", flat=True)[:HOLD_SWEEP_BATCH])
    return sum(booking_expire(booking_id=booking_id) for booking_id in ids)


@every(settings.QE_HOLD_SWEEP_SECONDS, name="bookings.expire_holds")
def booking_expire_sweep() -> int:
    return booking_expire_due()


def booking_pay(*, booking: Booking, payment_method_id: str) -> Booking:
    """Pay a pending booking by card: create and confirm a PaymentIntent with the card the
    buyer's page tokenised. Succeeded: confirmed now. 3-D Secure: the booking keeps its
    hold and answers the client secret for the page. Declined: 402, retry allowed while the
    hold lasts. No database lock is held while Stripe answers."""
    if booking.status == BookingStatus.PENDING_PAYMENT and booking.expires_at <= timezone.now():
        booking_expire(booking_id=booking.id)
        booking.refresh_from_db()
    if booking.status == BookingStatus.EXPIRED:
        raise HoldExpired()
    if booking.status != BookingStatus.PENDING_PAYMENT or booking.payment_status not in (
        PaymentStatus.PENDING,
        PaymentStatus.FAILED,
    ):
        raise PaymentNotExpected()
    if booking.payment_method != PaymentMethod.STRIPE or not payments.stripe_enabled():
        raise PaymentMethodUnavailable("This booking is not paid by card.")
    Booking.objects.filter(id=booking.id).update(payment_attempts=F("payment_attempts") + 1)
    attempt = Booking.objects.values_list("payment_attempts", flat=True).get(id=booking.id)
    try:
        result = payments.payment_intent_create(
            amount=booking.total_amount - booking.refunded_amount,
            currency=booking.currency,
            payment_method=payment_method_id,
            booking_id=booking.id,
            attempt=attempt,
            description=f"QR-Entry booking {booking.id}: {booking.event.title}",
        )
    except stripe.InvalidRequestError as error:
        raise InvalidInput(
            "The card could not be used.",
            fields={"payment_method": [error.user_message or "Not a usable payment method."]},
        ) from error
    except stripe.StripeError as error:
        logger.warning("Stripe failed for booking %s: %s", booking.id, error)
        raise PaymentProviderError() from error
    if result.status == "succeeded":
        return _payment_arrived(booking_id=booking.id, intent_id=result.intent_id) or booking
    fields: dict[str, Any] = {}
    if result.intent_id:
        fields["stripe_payment_intent"] = result.intent_id
    if result.status == "requires_action":
        Booking.objects.filter(id=booking.id, payment_status__in=PENDING_OR_FAILED).update(
            payment_status=PaymentStatus.PENDING,
            stripe_client_secret=result.client_secret,
            **fields,
        )
        booking.refresh_from_db()
        return booking
    Booking.objects.filter(id=booking.id, payment_status__in=PENDING_OR_FAILED).update(
        payment_status=PaymentStatus.FAILED, stripe_client_secret="", **fields
    )
    raise PaymentDeclined(result.decline_message or None)


PENDING_OR_FAILED = (PaymentStatus.PENDING, PaymentStatus.FAILED)


def booking_cancel(*, booking: Booking, actor: User) -> Booking:
    """Cancel a booking: its seats go back and its tickets are voided, in one transaction;
    a pending payment is called off, a paid one refunded (by card through the worker, a
    manual one once the organizer marks it). The attendee may cancel until the event's
    `attendee_cancel_until` (default: its start), the organizer any time. Idempotent:
    cancelling a cancelled booking changes nothing."""
    if booking.status in ENDED_STATUSES:
        return booking
    event = booking.event
    # Who did it, which the buyer sees: the organizer's side, or the buyer.
    cancelled_by = CancelledBy.ORGANIZER if may_manage(actor, event) else CancelledBy.ATTENDEE
    if cancelled_by == CancelledBy.ATTENDEE:
        until = event.attendee_cancel_until or event.starts_at
        if timezone.now() >= until:
            raise CancelClosed()

    def give_seats_back() -> None:
        # Event row first, as booking_create does.
        _lock_event(booking.event_id)
        if Ticket.objects.filter(booking_id=booking.id, checked_in_at__isnull=False).exists():
            raise BookingCheckedIn()
        current = Booking.objects.select_for_update().get(id=booking.id)
        if current.status in ENDED_STATUSES:
            return
        payment_status = {
            PaymentStatus.PAID: PaymentStatus.REFUND_PENDING,
            PaymentStatus.PENDING: PaymentStatus.FAILED,
        }.get(current.payment_status, current.payment_status)
        Booking.objects.filter(id=booking.id).update(
            status=BookingStatus.CANCELLED,
            active=None,
            cancelled_at=timezone.now(),
            cancelled_by=cancelled_by,
            payment_status=payment_status,
            stripe_client_secret="",
        )
        _give_seats_back(current)
        if current.payment_status == PaymentStatus.PAID:
            current.payment_status = payment_status
            _refund_queue(current, reason="cancelled")
        elif current.status == BookingStatus.PENDING_PAYMENT:
            _intent_cancel_queue(current.id)

    atomic_with_retry(give_seats_back)
    booking.refresh_from_db()
    return booking


def booking_refunds_for_cancelled_event(*, event_id: int) -> None:
    """In event_cancel's transaction (the event row locked): every paid booking is refunded,
    every pending payment called off. The caller cancels the bookings themselves."""
    live = Booking.objects.filter(event_id=event_id).exclude(status__in=ENDED_STATUSES)
    for booking in live.filter(payment_status=PaymentStatus.PAID):
        booking.payment_status = PaymentStatus.REFUND_PENDING
        _refund_queue(booking, reason="event_cancelled")
    live.filter(payment_status=PaymentStatus.PAID).update(
        payment_status=PaymentStatus.REFUND_PENDING
    )
    for booking_id in live.filter(payment_status=PaymentStatus.PENDING).values_list(
        "id", flat=True
    ):
        _intent_cancel_queue(booking_id)
    live.filter(payment_status=PaymentStatus.PENDING).update(
        payment_status=PaymentStatus.FAILED, stripe_client_secret=""
    )


STRIPE_REFUND = "bookings.stripe_refund"
STRIPE_CANCEL_INTENT = "bookings.stripe_cancel_intent"
STRIPE_REFUND_INTENT = "bookings.stripe_refund_duplicate"


@handles(STRIPE_REFUND)
def stripe_refund_send(payload: dict) -> None:
    """The worker's side of a card refund: the Refund API (idempotent per booking), then the
    booking marked refunded. Retried by the outbox until Stripe answers."""
    booking = Booking.objects.get(id=payload["booking"])
    if booking.payment_status != PaymentStatus.REFUND_PENDING:
        return
    refunded = payments.refund_create(
        intent_id=booking.stripe_payment_intent,
        amount=booking.total_amount - booking.refunded_amount,
        currency=booking.currency,
        key=f"qe-refund-{booking.id}",
    )
    Booking.objects.filter(id=booking.id, payment_status=PaymentStatus.REFUND_PENDING).update(
        payment_status=PaymentStatus.REFUNDED,
        refunded_amount=min(booking.refunded_amount + refunded, booking.total_amount),
    )


@handles(STRIPE_REFUND_INTENT)
def stripe_duplicate_refund_send(payload: dict) -> None:
    payments.refund_intent_in_full(intent_id=payload["intent"])


@handles(STRIPE_CANCEL_INTENT)
def stripe_intent_cancel_send(payload: dict) -> None:
    payments.payment_intent_cancel(intent_id=payload["intent"])


def stripe_webhook_receive(*, payload: bytes, signature: str) -> str:
    """One delivery of Stripe's webhook: verified on the raw body, recorded once by its event
    id (a unique row written in the transaction of its effect), then applied. Returns what
    happened: `processed`, `duplicate` or `ignored`."""
    try:
        event = payments.webhook_event_read(payload=payload, signature=signature)
    except payments.InvalidSignature as error:
        raise InvalidSignature() from error
    event_type = str(event.get("type", ""))
    data = (event.get("data") or {}).get("object") or {}

    def apply() -> str:
        StripeEvent.objects.create(event_id=event["id"], type=event_type[:100])
        handler = _WEBHOOK_HANDLERS.get(event_type)
        if handler is None:
            return "ignored"
        handler(data)
        return "processed"

    try:
        return atomic_with_retry(apply)
    except IntegrityError:
        if StripeEvent.objects.filter(event_id=event["id"]).exists():
            return "duplicate"
        raise


def _booking_id_of(intent: dict) -> int | None:
    raw = (intent.get("metadata") or {}).get("booking")
    try:
        return int(raw)
    except (TypeError, ValueError):
        return None


def _on_intent_succeeded(intent: dict) -> None:
    booking_id = _booking_id_of(intent)
    if booking_id is not None:
        _payment_arrived(booking_id=booking_id, intent_id=intent.get("id"))


def _on_intent_failed(intent: dict) -> None:
    booking_id = _booking_id_of(intent)
    if booking_id is None:
        return
    Booking.objects.filter(
        id=booking_id,
        stripe_payment_intent=intent.get("id"),
        payment_status=PaymentStatus.PENDING,
    ).update(payment_status=PaymentStatus.FAILED, stripe_client_secret="")


def _on_charge_refunded(charge: dict) -> None:
    intent_id = charge.get("payment_intent")
    booking = Booking.objects.filter(stripe_payment_intent=intent_id).first() if intent_id else None
    if booking is None:
        return
    refunded = payments.from_minor_units(int(charge.get("amount_refunded") or 0), booking.currency)
    refunded = min(max(refunded, booking.refunded_amount), booking.total_amount)
    Booking.objects.filter(id=booking.id).update(
        refunded_amount=refunded,
        payment_status=PaymentStatus.REFUNDED
        if refunded >= booking.total_amount
        else booking.payment_status,
    )


_WEBHOOK_HANDLERS = {
    "payment_intent.succeeded": _on_intent_succeeded,
    "payment_intent.payment_failed": _on_intent_failed,
    "charge.refunded": _on_charge_refunded,
}


BACKUP_CODE_ATTEMPTS = 3


def _distinct_backup_codes(quantity: int) -> list[str]:
    codes: set[str] = set()
    while len(codes) < quantity:
        codes.add(backup_code_new())
    return list(codes)


def _is_backup_code_collision(error: IntegrityError) -> bool:
    # The unique (event, backup_code) index: MySQL names the constraint, SQLite the columns.
    return "backup_code" in str(error)


class BookingNotConfirmed(DomainError):
    code = "booking_not_confirmed"
    status_code = 409
    default_detail = "Only a confirmed booking has tickets to send."


def booking_tickets_resend(*, booking: Booking) -> None:
    """The tickets e-mail once more (the buyer lost it), through the outbox like the first."""
    if booking.status != BookingStatus.CONFIRMED:
        raise BookingNotConfirmed()
    notifications.booking_tickets_resend_queue(booking=booking)
