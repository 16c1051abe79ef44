"""Making a booking: prepare (read the event and its types, check what is asked, price it,
choose how it is paid), then one short transaction that writes the booking with its items,
tickets and e-mail and takes the seats last, so the hot rows (the event, its slot, its
types) stay locked only until the commit. A failed seat grab rolls all of it back.

A free booking (also one a discount code made free) is confirmed at once; a paid one is
`pending_payment`, holding its seats until `expires_at`. A booking with a code reads the code
in the preparation and takes one use of it last in the transaction (events.services.codes);
without a code nothing more is read or written. Duplicates are left to the database's unique
constraints; _Retries says which failures another try can cure."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from django.db import IntegrityError
from django.utils import timezone

from common.db import atomic_with_retry
from common.exceptions import InvalidInput
from events.errors import EventNotBookable, PaymentMethodUnavailable
from events.models import Code, Event, PaymentMethod, TicketType
from events.payment_methods import enabled_payment_methods, payment_methods_offered
from events.services.codes import (
    code_for_booking,
    code_line_discounts,
    code_unlocks,
    code_use_take,
)
from events.services.seats import (
    Line,
    NoSlotRoom,
    sales_refusal,
    seat_slots_make,
    seats_take,
    why_no_slot,
    why_not_taken,
)
from users.models import User
from users.permissions import require_verified_email

from .. import notifications
from ..errors import DuplicateBooking, IdempotencyKeyReused, TicketTypeRequired
from ..models import Booking, BookingItem, BookingStatus, PaymentStatus, Ticket, TicketStatus
from ..ticket_codes import keyring
from .attendees import Holder, holders_check
from .holds import booking_expire_due
from .manual_holds import manual_hold_check, manual_hold_take
from .tickets import distinct_backup_codes, is_backup_code_collision

BACKUP_CODE_ATTEMPTS = 3


@dataclass
class _Plan:
    """A booking ready to be written: who, what (lines, sorted by type id: the lock order), at
    what total, paid how, until when it is held."""

    user: User
    event: Event
    lines: list[Line]
    quantity: int
    total: Decimal
    method: str
    expires_at: datetime | None
    idempotency_key: str | None
    # One per ticket, in the order the buyer listed them (the answer's order).
    holders: list[tuple[TicketType, Holder]]
    answers: dict[str, Any]
    # The code given, and what it takes off each line (in the order of `lines`).
    code: Code | None = None
    discounts: list[Decimal] | None = None

    @property
    def free(self) -> bool:
        return self.total == 0

    @property
    def discount(self) -> Decimal:
        return sum(self.discounts, Decimal("0")) if self.discounts else Decimal("0")

    @property
    def unit_price(self) -> Decimal:
        """The price per ticket before any discount (the total is after it)."""
        if len(self.lines) == 1:
            return self.lines[0].ticket_type.price
        return ((self.total + self.discount) / self.quantity).quantize(Decimal("0.01"))


def booking_create(
    *,
    user: User,
    event_id: int,
    quantity: int | None = None,
    items: list[tuple[int, int]] | None = None,
    payment_method: str | None = None,
    idempotency_key: str | None = None,
    attendees: list[dict] | None = None,
    answers: dict[str, Any] | None = None,
    client_address: str | None = None,
    code: str | None = None,
) -> tuple[Booking, bool]:
    """Book tickets: `quantity` of the event's one type (v1), or `items` [(type id, count)];
    `attendees` names each ticket's holder and answers the event's questions about them (one
    per ticket, in order), `answers` its questions about the booking.
    Returns the booking (with its event, tickets and items loaded, ready to answer) and
    whether it is a replay of an earlier request with the same Idempotency-Key.
    `client_address` counts toward the holds awaiting a manual payment (manual_holds).
    `code`: a discount or access code of the event (events.services.codes)."""
    require_verified_email(user)
    total_quantity = sum(count for _, count in items) if items else quantity or 0
    earlier = _earlier_booking(user, idempotency_key)
    if earlier is not None:
        return _replay(earlier, event_id=event_id, quantity=total_quantity), True
    plan = _prepare(
        user=user,
        event_id=event_id,
        quantity=quantity,
        items=items,
        total_quantity=total_quantity,
        payment_method=payment_method,
        idempotency_key=idempotency_key,
        asked=(attendees, answers),
        code_text=code,
    )
    if plan.method == PaymentMethod.MANUAL:
        manual_hold_check(
            event=plan.event, user=user, quantity=plan.quantity, client_address=client_address
        )
    return _Retries(plan).book()


def _prepare(
    *,
    user: User,
    event_id: int,
    quantity: int | None,
    items: list[tuple[int, int]] | None,
    total_quantity: int,
    payment_method: str | None,
    idempotency_key: str | None,
    asked: tuple[list[dict] | None, dict[str, Any] | None],
    code_text: str | None = None,
) -> _Plan:
    """Everything a booking needs before its transaction, from one read of the event and its
    types. An event with no room left is answered from that read."""
    if total_quantity < 1:
        raise InvalidInput(fields={"quantity": ["Book at least one ticket."]})
    event = _event_with_room(event_id, total_quantity)
    code = code_for_booking(event_id=event.id, text=code_text) if code_text else None
    lines = _lines(event=event, quantity=quantity, items=items, code=code)
    total, discounts = _priced(lines, code)
    method, expires_at = _payment_terms(event=event, total=total, payment_method=payment_method)
    ticket_types = _ticket_types_in_order(event, lines, items)
    holders, booking_answers = holders_check(
        event=event,
        ticket_types=ticket_types,
        attendees=asked[0],
        answers=asked[1],
        booker_name=user.name,
    )
    return _Plan(
        user=user,
        event=event,
        lines=lines,
        quantity=total_quantity,
        total=total,
        method=method,
        expires_at=expires_at,
        idempotency_key=idempotency_key or None,
        holders=list(zip(ticket_types, holders, strict=True)),
        answers=booking_answers,
        code=code,
        discounts=discounts,
    )


def _event_with_room(event_id: int, quantity: int) -> Event:
    """The event with its types, when it has room for `quantity` (else the reason)."""
    event = _event_with_types(event_id)
    if event is None:
        raise InvalidInput(fields={"event": ["No such event."]})
    if event.tickets_sold + quantity > event.capacity:
        # No room: holds that ended give their seats back before anyone is told the event is
        # sold out (with room, the sweep and the next writes expire them).
        if booking_expire_due(event_id=event_id):
            event = _event_with_types(event_id)
        if event.tickets_sold + quantity > event.capacity:
            raise why_not_taken(event_id=event_id, quantity=quantity, event=event)
    return event


def _priced(lines: list[Line], code: Code | None) -> tuple[Decimal, list[Decimal] | None]:
    """The total after the code's discount, and its discount per line (None: no code)."""
    total = sum((line.amount for line in lines), Decimal("0"))
    if code is None:
        return total, None
    discounts = code_line_discounts(code, [(line.ticket_type, line.quantity) for line in lines])
    return total - sum(discounts, Decimal("0")), discounts


def _ticket_types_in_order(
    event: Event, lines: list[Line], items: list[tuple[int, int]] | None
) -> list[TicketType]:
    """The type of each ticket, in the order the buyer listed the items."""
    if not items:
        return [line.ticket_type for line in lines for _ in range(line.quantity)]
    types = {line.ticket_type.id: line.ticket_type for line in lines}
    return [types[type_id] for type_id, count in items for _ in range(count)]


def _event_with_types(event_id: int) -> Event | None:
    return Event.objects.prefetch_related("ticket_types").filter(id=event_id).first()


def _chosen_type_lines(event: Event, items: list[tuple[int, int]], code: Code | None) -> list[Line]:
    # A hidden type is not sold to whoever has no access code for it (as if it did not exist).
    types = {t.id: t for t in event.ticket_types.all() if code_unlocks(code, t)}
    wanted: dict[int, int] = {}
    for type_id, count in items:
        if type_id not in types:
            raise InvalidInput(
                fields={"items": [f"Ticket type {type_id} is not sold for this event."]}
            )
        wanted[type_id] = wanted.get(type_id, 0) + count
    return [Line(types[type_id], count) for type_id, count in sorted(wanted.items())]


def _only_type_line(event: Event, quantity: int, code: Code | None) -> Line:
    """A v1 request (`quantity` alone) books the one type on sale."""
    types = [t for t in event.ticket_types.all() if code_unlocks(code, t)]
    if not types:
        raise EventNotBookable("No tickets are on sale for this event.")
    now = timezone.now()
    on_sale = [t for t in types if sales_refusal(t, now) is None]
    if len(types) == 1:
        return Line(types[0], quantity)
    if len(on_sale) == 1:
        return Line(on_sale[0], quantity)
    if on_sale:
        raise TicketTypeRequired()
    first = min(types, key=lambda t: (t.position, t.id))
    raise sales_refusal(first, now)  # type: ignore[misc] (not on sale: a refusal)


def _lines(
    *, event: Event, quantity: int | None, items: list[tuple[int, int]] | None, code: Code | None
) -> list[Line]:
    """What is being booked, by ticket type (sorted by id: the lock order)."""
    if items:
        lines = _chosen_type_lines(event, items, code)
    else:
        lines = [_only_type_line(event, quantity or 1, code)]
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
    offered = [m for m in event.payment_methods if m in enabled_payment_methods()]
    method = payment_method or next(iter(payment_methods_offered(event) or offered), None)
    if method is None or method not in offered:
        raise PaymentMethodUnavailable(
            "Choose one of: " + ", ".join(offered) if offered else "This event takes no payments."
        )
    now = timezone.now()
    if method == PaymentMethod.STRIPE:
        return method, now + timedelta(minutes=event.hold_minutes)
    # A bank transfer takes days, but the seats are never held past the start.
    expires_at = min(now + timedelta(hours=event.manual_payment_hours), event.starts_at)
    if expires_at <= now + timedelta(minutes=1):
        raise PaymentMethodUnavailable("Too close to the start to pay by bank transfer.")
    return method, expires_at


def _book(plan: _Plan) -> Booking:
    """One transaction: the booking, its items, tickets and e-mail written, then the seats
    taken (last, so the hot rows stay locked only until the commit). The answer is built
    from the rows just written, not read back: the same values."""
    now = timezone.now()
    booking = _booking_row(plan)
    booking.save(force_insert=True)
    discounts = plan.discounts or [Decimal("0")] * len(plan.lines)
    items = BookingItem.objects.bulk_create(
        BookingItem(
            booking=booking,
            ticket_type=line.ticket_type,
            name=line.ticket_type.name,
            quantity=line.quantity,
            unit_price=line.ticket_type.price,
            discount_amount=discount,
        )
        for line, discount in zip(plan.lines, discounts, strict=True)
    )
    tickets = _issue_tickets(plan, booking, now)
    if plan.free:
        notifications.booking_confirmation_queue(booking=booking, new=True)
    else:
        notifications.booking_payment_due_queue(booking=booking, new=True)
    slot = seats_take(event_id=plan.event.id, lines=plan.lines, now=now)
    if plan.method == PaymentMethod.MANUAL:
        manual_hold_take(event_id=plan.event.id, quantity=plan.quantity)
    if plan.code is not None:  # after the seats: the lock order (events.services.codes)
        code_use_take(code=plan.code)
    if slot is not None:
        Booking.objects.filter(id=booking.id).update(seat_slot=slot)
        booking.seat_slot = slot
    _as_prefetched(booking, "tickets", tickets)
    _as_prefetched(booking, "items", items)
    return booking


def _booking_row(plan: _Plan) -> Booking:
    return Booking(
        user=plan.user,
        event=plan.event,
        quantity=plan.quantity,
        status=BookingStatus.CONFIRMED if plan.free else BookingStatus.PENDING_PAYMENT,
        unit_price=plan.unit_price,
        total_amount=plan.total,
        currency=plan.event.currency,
        idempotency_key=plan.idempotency_key,
        expires_at=plan.expires_at,
        payment_method=plan.method,
        payment_status=PaymentStatus.NOT_REQUIRED if plan.free else PaymentStatus.PENDING,
        answers=plan.answers,
        code=plan.code,
        discount_amount=plan.discount,
    )


def _issue_tickets(plan: _Plan, booking: Booking, now: datetime) -> list[Ticket]:
    codes = iter(distinct_backup_codes(plan.quantity))
    key_id = keyring().active_key_id
    return Ticket.objects.bulk_create(
        Ticket(
            booking=booking,
            event_id=plan.event.id,
            ticket_type=ticket_type,
            attendee_name=holder.name,
            answers=holder.answers,
            key_id=key_id,
            backup_code=next(codes),
            status=TicketStatus.VALID if plan.free else TicketStatus.PENDING,
            changed_at=now,
        )
        for ticket_type, holder in plan.holders
    )


def _as_prefetched(booking: Booking, relation: str, rows: list) -> None:
    """`booking.<relation>.all()` answers `rows` without a query, as prefetch_related leaves
    it (the same two attributes Django's prefetch sets)."""
    queryset = getattr(booking, relation).get_queryset()
    queryset._result_cache = rows
    queryset._prefetch_done = True
    booking.__dict__.setdefault("_prefetched_objects_cache", {})[relation] = queryset


class _Retries:
    """The retry policy of a booking's transaction: which failures another try cures, and
    how often.

    - A backup code drawn twice for one event (its unique index): new codes, up to
      BACKUP_CODE_ATTEMPTS tries in all (one in billions).
    - The event's first slotted booking (QE_SEAT_SLOTS) found no slots: they are made, once.
    - The attendee's own hold that ended unpaid still takes their one active booking of the
      event: it is expired, once, and the booking made.
    - The same Idempotency-Key retried at the same moment: the booking that won is answered.
    Anything else is the answer: sold out, a duplicate booking, ..."""

    def __init__(self, plan: _Plan) -> None:
        self.plan = plan
        self.code_draws = 1
        self.slots_made = False
        self.own_hold_expired = False

    def book(self) -> tuple[Booking, bool]:
        while True:
            try:
                booking = atomic_with_retry(lambda: _book(self.plan))
            except NoSlotRoom:
                self._after_no_slot_room()
            except IntegrityError as error:
                replay = self._after_conflict(error)
                if replay is not None:
                    return replay, True
            else:
                self.plan.event.tickets_sold += self.plan.quantity  # the answer's phase
                return booking, False

    def _after_no_slot_room(self) -> None:
        if not self.slots_made and seat_slots_make(event_id=self.plan.event.id):
            self.slots_made = True
            return
        raise why_no_slot(event_id=self.plan.event.id, quantity=self.plan.quantity)

    def _after_conflict(self, error: IntegrityError) -> Booking | None:
        """The earlier booking to answer with, or None to try again; else DuplicateBooking."""
        plan = self.plan
        if is_backup_code_collision(error) and self.code_draws < BACKUP_CODE_ATTEMPTS:
            self.code_draws += 1
            return None
        earlier = _earlier_booking(plan.user, plan.idempotency_key)
        if earlier is not None:
            return _replay(earlier, event_id=plan.event.id, quantity=plan.quantity)
        if not self.own_hold_expired and booking_expire_due(
            event_id=plan.event.id, user_id=plan.user.id
        ):
            self.own_hold_expired = True
            return None
        raise DuplicateBooking() from error


def _earlier_booking(user: User, idempotency_key: str | None) -> Booking | None:
    if not idempotency_key:
        return None
    return (
        Booking.objects.select_related("event")
        .filter(user=user, idempotency_key=idempotency_key)
        .first()
    )


def _replay(booking: Booking, *, event_id: int, quantity: int) -> Booking:
    if booking.event_id != event_id or booking.quantity != quantity:
        raise IdempotencyKeyReused()
    return booking
