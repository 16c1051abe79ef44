"""Ticket types of an event: create, change, delete. Each write locks the event row first, as
booking does (the same lock order), then the type."""

from __future__ import annotations

from django.db import transaction
from django.db.models import ProtectedError

from common.db import atomic_with_retry
from common.exceptions import InvalidInput, NotFound

from ..errors import QuotaBelowSold, TicketTypeHasSales
from ..models import Event, TicketType
from .locking import event_locked
from .seats import seats_added_queue
from .values import TicketTypeValues


def _check_sales_window(ticket_type: TicketType) -> None:
    if (
        ticket_type.sales_start is not None
        and ticket_type.sales_end is not None
        and ticket_type.sales_end <= ticket_type.sales_start
    ):
        raise InvalidInput(fields={"sales_end": ["Sales must end after they start."]})


def _lowest_price_sync(event_id: int) -> None:
    """Event.price is the lowest price of its listed types (listings sort and filter on it;
    hidden types count only when every type is hidden)."""
    rows = list(TicketType.objects.filter(event_id=event_id).values_list("price", "hidden"))
    prices = [price for price, hidden in rows if not hidden] or [price for price, _ in rows]
    if prices:
        Event.objects.filter(id=event_id).update(price=min(prices))


def _locked_type(event_id: int, ticket_type_id: int) -> TicketType:
    event_locked(event_id)  # the event row first, as booking does: the same lock order
    ticket_type = (
        TicketType.objects.select_for_update().filter(event_id=event_id, id=ticket_type_id).first()
    )
    if ticket_type is None:
        raise NotFound("No such ticket type.")
    return ticket_type


def ticket_type_create(*, event_id: int, values: TicketTypeValues) -> TicketType:
    """A new ticket type of an event (not of a cancelled one)."""

    def apply() -> TicketType:
        event_locked(event_id)
        ticket_type = TicketType(event_id=event_id, **values.given())
        _check_sales_window(ticket_type)
        ticket_type.save()
        _lowest_price_sync(event_id)
        return ticket_type

    return atomic_with_retry(apply)


def ticket_type_update(
    *, event_id: int, ticket_type_id: int, values: TicketTypeValues
) -> TicketType:
    """Change a ticket type. Its quota never goes below what is sold of it; a price change
    applies to bookings made after it (each booking keeps the price it was made at)."""
    changes = values.given()

    def apply() -> TicketType:
        ticket_type = _locked_type(event_id, ticket_type_id)
        quota = changes.get("quota", ticket_type.quota)
        if quota is not None and quota < ticket_type.sold:
            raise QuotaBelowSold(
                f"{ticket_type.sold} tickets of this type are sold: the quota cannot go below."
            )
        if ticket_type.quota is not None and (quota is None or quota > ticket_type.quota):
            seats_added_queue(event_id=event_id)  # the waiting list may have them
        for name, value in changes.items():
            setattr(ticket_type, name, value)
        _check_sales_window(ticket_type)
        ticket_type.save()
        _lowest_price_sync(event_id)
        return ticket_type

    return atomic_with_retry(apply)


def ticket_type_delete(*, event_id: int, ticket_type_id: int) -> None:
    """Delete a ticket type nobody ever booked (else change its sales window to stop it)."""

    def apply() -> None:
        ticket_type = _locked_type(event_id, ticket_type_id)
        if ticket_type.sold:
            raise TicketTypeHasSales()
        try:
            with transaction.atomic():
                ticket_type.delete()
        except ProtectedError as error:  # booked once (its items and tickets point at it)
            raise TicketTypeHasSales() from error
        _lowest_price_sync(event_id)

    atomic_with_retry(apply)
