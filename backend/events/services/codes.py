"""Discount and access codes of an event: the organizer's writes (create, change, delete or
deactivate), and what a booking asks of a code: is it valid now, what it unlocks, what it
takes off, and its use taken or given back.

A use is one booking holding the code (confirmed or awaiting payment). It is taken by a
conditional UPDATE (`uses < max_uses`) in the booking's transaction, after its seats (the
lock order: the event row, its slot, its types, then the code), so max_uses holds under any
concurrency; a booking that ends (cancelled, expired, refunded, its event cancelled) gives
it back in the transaction that ends it.

Amounts: a discount is per ticket it applies to (its types, or all; free tickets get
nothing): percent_off of the price rounded half up to the cent, or amount_off but never more
than the price, so no total is ever negative. An amount_off above the price of a type it
names (or, for all types, above the highest price) is refused when the code is written."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from common.db import atomic_with_retry
from common.exceptions import InvalidInput, NotFound

from ..errors import CodeExists, CodeInvalid, CodeNotApplicable, CodeUsedUp
from ..models import Code, CodeKind, TicketType
from .locking import event_locked
from .values import CodeValues

CENT = Decimal("0.01")


@dataclass(frozen=True)
class _Terms:
    kind: str
    percent_off: Decimal | None
    amount_off: Decimal | None
    type_ids: set[int]
    valid_from: datetime | None
    valid_until: datetime | None


def _terms_check(terms: _Terms, types: dict[int, TicketType]) -> None:
    errors: dict[str, list[str]] = {}
    unknown = terms.type_ids - set(types)
    if unknown:
        errors["ticket_types"] = [f"Not a ticket type of this event: {sorted(unknown)}."]
    if terms.kind == CodeKind.DISCOUNT:
        if (terms.percent_off is None) == (terms.amount_off is None):
            errors["percent_off"] = ["A discount takes percent_off or amount_off (one of them)."]
    elif terms.percent_off is not None or terms.amount_off is not None:
        errors["kind"] = ["An access code takes no discount."]
    if terms.percent_off is not None and not Decimal(0) < terms.percent_off <= 100:
        errors["percent_off"] = ["Give more than 0 and at most 100."]
    if terms.amount_off is not None and not unknown:
        _amount_check(terms, types, errors)
    if terms.valid_from and terms.valid_until and terms.valid_until <= terms.valid_from:
        errors["valid_until"] = ["The code must end after it starts."]
    if errors:
        raise InvalidInput(fields=errors)


def _amount_check(terms: _Terms, types: dict[int, TicketType], errors: dict) -> None:
    amount = terms.amount_off
    assert amount is not None
    if amount <= 0:
        errors["amount_off"] = ["Give more than 0."]
        return
    named = [types[type_id] for type_id in terms.type_ids]
    if named:
        above = [t.name for t in named if amount > t.price]
        if above:
            errors["amount_off"] = [f"More than the price of {', '.join(sorted(above))}."]
    elif types and amount > max(t.price for t in types.values()):
        errors["amount_off"] = ["More than the price of every ticket type of this event."]


def _event_types(event_id: int) -> dict[int, TicketType]:
    return {t.id: t for t in TicketType.objects.filter(event_id=event_id)}


def code_create(*, event_id: int, values: CodeValues) -> Code:
    """A new code of an event (not of a cancelled one). CodeExists when its text is taken."""
    given = values.given()
    type_ids = set(given.pop("ticket_types", []))
    given["code"] = given["code"].strip().upper()

    def apply() -> Code:
        event_locked(event_id)
        code = Code(event_id=event_id, **given)
        _terms_check(_terms_of(code, type_ids), _event_types(event_id))
        try:
            with transaction.atomic():
                code.save()
        except IntegrityError as error:
            raise CodeExists() from error
        code.ticket_types.set(type_ids)
        return code

    return atomic_with_retry(apply)


def _terms_of(code: Code, type_ids: set[int]) -> _Terms:
    return _Terms(
        kind=code.kind,
        percent_off=code.percent_off,
        amount_off=code.amount_off,
        type_ids=type_ids,
        valid_from=code.valid_from,
        valid_until=code.valid_until,
    )


def _locked_code(event_id: int, code_id: int) -> Code:
    event_locked(event_id)
    code = Code.objects.select_for_update().filter(event_id=event_id, id=code_id).first()
    if code is None:
        raise NotFound("No such code.")
    return code


def code_update(*, event_id: int, code_id: int, values: CodeValues) -> Code:
    """Change a code. Its max_uses never goes below its uses (bookings holding it)."""
    changes = values.given()
    new_types = changes.pop("ticket_types", None)
    if "code" in changes:
        changes["code"] = changes["code"].strip().upper()

    def apply() -> Code:
        code = _locked_code(event_id, code_id)
        for name, value in changes.items():
            setattr(code, name, value)
        if code.max_uses is not None and code.max_uses < code.uses:
            raise InvalidInput(
                fields={"max_uses": [f"{code.uses} bookings hold this code: not fewer."]}
            )
        type_ids = set(
            new_types if new_types is not None else code.ticket_types.values_list("id", flat=True)
        )
        _terms_check(_terms_of(code, type_ids), _event_types(event_id))
        try:
            with transaction.atomic():
                code.save()
        except IntegrityError as error:
            raise CodeExists() from error
        if new_types is not None:
            code.ticket_types.set(type_ids)
        return code

    return atomic_with_retry(apply)


def code_delete(*, event_id: int, code_id: int) -> bool:
    """Delete a code nobody booked with; one that was used is deactivated instead (its
    bookings keep pointing at it). True when it was deleted."""

    def apply() -> bool:
        code = _locked_code(event_id, code_id)
        if code.uses or code.bookings.exists():
            Code.objects.filter(id=code.id).update(active=False)
            return False
        code.delete()
        return True

    return atomic_with_retry(apply)


# What a booking asks of a code.


def code_for_booking(*, event_id: int, text: str) -> Code:
    """The event's code typed as `text`, valid now, with `type_ids` (the types it applies
    to; empty: all) loaded. CodeInvalid (unknown, inactive, outside its window), CodeUsedUp
    (already at max_uses: the conditional UPDATE decides in the end)."""
    code = Code.objects.filter(event_id=event_id, code=text.strip().upper()).first()
    now = timezone.now()
    if (
        code is None
        or not code.active
        or (code.valid_from is not None and now < code.valid_from)
        or (code.valid_until is not None and now >= code.valid_until)
    ):
        raise CodeInvalid()
    if code.max_uses is not None and code.uses >= code.max_uses:
        raise CodeUsedUp()
    code.type_ids = set(code.ticket_types.values_list("id", flat=True))
    return code


def code_applies(code: Code, ticket_type: TicketType) -> bool:
    return not code.type_ids or ticket_type.id in code.type_ids


def code_unlocks(code: Code | None, ticket_type: TicketType) -> bool:
    """May `ticket_type` be listed and booked (with `code`, when one was given)?"""
    if not ticket_type.hidden:
        return True
    return code is not None and code.kind == CodeKind.ACCESS and code_applies(code, ticket_type)


def code_ticket_discount(code: Code, ticket_type: TicketType) -> Decimal:
    """What `code` takes off one ticket of `ticket_type` (0 when it does not apply)."""
    price = ticket_type.price
    if code.kind != CodeKind.DISCOUNT or price <= 0 or not code_applies(code, ticket_type):
        return Decimal("0")
    if code.percent_off is not None:
        return (price * code.percent_off / 100).quantize(CENT, rounding=ROUND_HALF_UP)
    return min(code.amount_off or Decimal("0"), price)


def code_line_discounts(code: Code, lines: list[tuple[TicketType, int]]) -> list[Decimal]:
    """The discount of each (type, count) line; CodeNotApplicable when the code applies to
    none of them (a discount: to none with a price; access: to none of its types)."""
    applies = [
        code_applies(code, t) and (code.kind == CodeKind.ACCESS or t.price > 0) for t, _ in lines
    ]
    if not any(applies):
        raise CodeNotApplicable()
    return [code_ticket_discount(code, t) * count for t, count in lines]


def code_use_take(*, code: Code) -> None:
    """In the booking's transaction, after its seats: one use, never past max_uses."""
    taken = Code.objects.filter(
        Q(max_uses__isnull=True) | Q(uses__lt=F("max_uses")), id=code.id, active=True
    ).update(uses=F("uses") + 1)
    if not taken:
        now = Code.objects.filter(id=code.id, active=True).first()
        raise CodeInvalid() if now is None else CodeUsedUp()


def code_use_give_back(*, code_id: int) -> None:
    """In the transaction that ends a booking holding the code."""
    Code.objects.filter(id=code_id, uses__gt=0).update(uses=F("uses") - 1)


def code_use_retake(*, code_id: int) -> bool:
    """A released booking confirmed again (its payment came late): its use again, if the
    code has one left (active or not: it was valid when booked)."""
    return bool(
        Code.objects.filter(
            Q(max_uses__isnull=True) | Q(uses__lt=F("max_uses")), id=code_id
        ).update(uses=F("uses") + 1)
    )


def codes_all_released(*, event_id: int) -> None:
    """In the event's cancellation: no booking holds any code any more."""
    Code.objects.filter(event_id=event_id).update(uses=0)
