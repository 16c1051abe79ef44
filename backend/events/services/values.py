"""What an organizer sends for an event or a ticket type, as typed values: a field left UNSET
is not given (None is a value: "no limit", "the default")."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import datetime
from decimal import Decimal
from enum import Enum
from typing import Any


class Unset(Enum):
    UNSET = "unset"


UNSET = Unset.UNSET


class _Values:
    def given(self) -> dict[str, Any]:
        """The fields that were set, by name."""
        return {
            field.name: getattr(self, field.name)
            for field in fields(self)  # type: ignore[arg-type]
            if getattr(self, field.name) is not UNSET
        }


@dataclass(frozen=True)
class EventValues(_Values):
    """An event's fields as an organizer sends them (create: the required ones; PATCH: any)."""

    title: str | Unset = UNSET
    description: str | Unset = UNSET
    venue: str | Unset = UNSET
    venue_address: str | Unset = UNSET
    category: str | Unset = UNSET
    allow_reentry: bool | Unset = UNSET
    timezone: str | Unset = UNSET
    capacity: int | Unset = UNSET
    price: Decimal | Unset = UNSET
    currency: str | Unset = UNSET
    max_per_booking: int | Unset = UNSET
    payment_methods: list[str] | Unset = UNSET
    hold_minutes: int | Unset = UNSET
    manual_payment_hours: int | Unset = UNSET
    # None: QE_MANUAL_HOLD_PERCENT of the capacity.
    manual_hold_limit: int | Unset | None = UNSET
    payment_instructions: str | Unset = UNSET
    attendee_cancel_until: datetime | Unset | None = UNSET
    waiting_list: bool | Unset = UNSET
    offer_hours: int | Unset = UNSET
    # None: transfers off (default on create: the start).
    transfers_until: datetime | Unset | None = UNSET
    starts_at: datetime | Unset = UNSET
    ends_at: datetime | Unset = UNSET
    # None: two hours before the start.
    checkin_opens_at: datetime | Unset | None = UNSET
    status: str | Unset = UNSET

    TIMES = ("starts_at", "ends_at", "checkin_opens_at")

    def plain(self) -> dict[str, Any]:
        """The plain fields that were set (not times, not status)."""
        return {
            name: value
            for name, value in self.given().items()
            if name not in self.TIMES and name != "status"
        }

    def times(self) -> dict[str, Any]:
        return {name: value for name, value in self.given().items() if name in self.TIMES}


@dataclass(frozen=True)
class TicketTypeValues(_Values):
    """A new ticket type (name required) or a PATCH of one (any subset)."""

    name: str | Unset = UNSET
    description: str | Unset = UNSET
    price: Decimal | Unset = UNSET
    # None: only the event's capacity limits it.
    quota: int | Unset | None = UNSET
    sales_start: datetime | Unset | None = UNSET
    sales_end: datetime | Unset | None = UNSET
    # None: the event's max_per_booking.
    max_per_booking: int | Unset | None = UNSET
    position: int | Unset = UNSET
    hidden: bool | Unset = UNSET


@dataclass(frozen=True)
class CodeValues(_Values):
    """A new code (code and kind required) or a PATCH of one (any subset)."""

    code: str | Unset = UNSET
    kind: str | Unset = UNSET
    percent_off: Decimal | Unset | None = UNSET
    amount_off: Decimal | Unset | None = UNSET
    # Type ids; empty: every type of the event.
    ticket_types: list[int] | Unset = UNSET
    # None: unlimited.
    max_uses: int | Unset | None = UNSET
    valid_from: datetime | Unset | None = UNSET
    valid_until: datetime | Unset | None = UNSET
    active: bool | Unset = UNSET
