"""Reads of events, always scoped by who is asking."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core import signing
from django.db.models import DecimalField, Q, QuerySet, Sum, Value, prefetch_related_objects
from django.db.models.functions import Coalesce
from django.utils import timezone

from users.models import User

from .models import (
    STAFF_INVITATION_SALT,
    Code,
    Event,
    EventCategory,
    EventMessage,
    EventStaff,
    EventStatus,
    TicketType,
)
from .permissions import managed_events, scannable_events


def _with_related(queryset: QuerySet[Event]) -> QuerySet[Event]:
    return queryset.select_related("organizer").prefetch_related("ticket_types")


def ticket_type_list(*, event: Event) -> QuerySet[TicketType]:
    """The event's ticket types in their order (`event` already checked as visible)."""
    return TicketType.objects.select_related("event").filter(event=event).order_by("position", "id")


def ticket_type_get(*, event: Event, ticket_type_id: int) -> TicketType | None:
    return ticket_type_list(event=event).filter(id=ticket_type_id).first()


def code_list(*, event: Event) -> QuerySet[Code]:
    """The event's codes, oldest first, with their types (`event` checked as managed)."""
    return Code.objects.filter(event=event).prefetch_related("ticket_types").order_by("id")


def code_get(*, event: Event, code_id: int) -> Code | None:
    return code_list(event=event).filter(id=code_id).first()


def code_figures(*, event: Event, counted: Q) -> list[dict]:
    """Each code of the event: its uses (bookings holding it now) and what it took off the
    bookings `counted` selects (a Q on the bookings app's Booking, read through the relation
    it declares on Code), in one query."""
    rows = (
        Code.objects.filter(event_id=event.id)
        .annotate(
            discount_total=Coalesce(
                Sum("bookings__discount_amount", filter=_through(counted, "bookings__")),
                Value(Decimal("0")),
                output_field=DecimalField(),
            )
        )
        .values_list("code", "uses", "discount_total")
        .order_by("id")
    )
    return [
        {"code": code, "uses": uses, "discount_total": total.quantize(Decimal("0.01"))}
        for code, uses, total in rows
    ]


def _through(condition: Q, prefix: str) -> Q:
    """`condition` (a Q on one model) as a Q through the relation `prefix`."""
    through = Q()
    through.connector, through.negated = condition.connector, condition.negated
    for child in condition.children:
        if isinstance(child, Q):
            through.children.append(_through(child, prefix))
        else:
            through.children.append((prefix + child[0], child[1]))
    return through


def event_list_public() -> QuerySet[Event]:
    """Published events that have not ended, soonest first."""
    return _with_related(
        Event.objects.filter(status=EventStatus.PUBLISHED, ends_at__gt=timezone.now())
    ).order_by("starts_at", "id")


def event_list_past() -> QuerySet[Event]:
    """Published events that have ended, most recent first."""
    return _with_related(
        Event.objects.filter(status=EventStatus.PUBLISHED, ends_at__lte=timezone.now())
    ).order_by("-starts_at", "-id")


def event_list_for_organizer(*, organizer: User) -> QuerySet[Event]:
    """The organizer's own events in any status (admins: every event)."""
    queryset = Event.objects.filter(managed_events(organizer))
    return _with_related(queryset).order_by("-starts_at", "-id")


def event_category_list() -> list[dict[str, str]]:
    """The managed categories, in the order of the list."""
    return [{"value": value, "label": label} for value, label in EventCategory.choices]


def event_message_list(*, event: Event) -> QuerySet[EventMessage]:
    """What the organizer wrote to this event's ticket holders, newest first."""
    return EventMessage.objects.filter(event=event).select_related("sender").order_by("-created_at")


def event_staff_list(*, event: Event) -> QuerySet[EventStaff]:
    """Accepted staff and open invitations, oldest first."""
    return EventStaff.objects.filter(event=event).select_related("user").order_by("added_at", "id")


def staff_invitation_token_read(token: str) -> tuple[int, str] | None:
    """The (staff entry id, nonce) an invitation token was signed for, or None when it is
    forged or older than QE_STAFF_INVITATION_SECONDS."""
    try:
        data = signing.loads(
            token, salt=STAFF_INVITATION_SALT, max_age=settings.STAFF_INVITATION_MAX_AGE
        )
    except signing.BadSignature:  # SignatureExpired is one too
        return None
    if not isinstance(data, dict) or not isinstance(data.get("s"), int):
        return None
    return data["s"], str(data.get("n", ""))


def staff_invitation_for_token(*, token: str) -> EventStaff | None:
    """The open invitation a token stands for (with its event), or None."""
    found = staff_invitation_token_read(token)
    if found is None:
        return None
    staff_id, nonce = found
    if not nonce:
        return None
    return (
        EventStaff.objects.select_related("event")
        .filter(id=staff_id, nonce=nonce, user__isnull=True)
        .first()
    )


def event_list_for_door(*, user: User) -> QuerySet[Event]:
    """Events `user` may scan that have not ended, soonest first."""
    queryset = Event.objects.filter(ends_at__gt=timezone.now()).exclude(
        status=EventStatus.CANCELLED
    )
    return _with_related(queryset.filter(scannable_events(user))).order_by("starts_at", "id")


# Sales: what "sold" means everywhere (API, pages, e-mails).
#
# The seat counters (Event.tickets_sold, TicketType.sold) count every seat taken: confirmed
# bookings and holds awaiting payment (a hold whose time is up keeps its seats until the
# sweep, or the next booking of the event, releases them). Sold is the tickets of confirmed
# bookings (free or paid); pending the tickets of holds still awaiting payment. Both follow
# from the counters and the holds, which are few: one read of the event's held bookings
# (status range of the bookings' (event, status, ...) index) and their items, never of every
# confirmed booking.
#
# Seats held for waiting-list offers (waiting_held) are in the counters too: neither sold
# nor pending.
#
# The bookings app sits above this one: its rows are read through the relation it declares
# on Event (`bookings`), and its status by value, never by import.
HELD_STATUS = "pending_payment"


@dataclass(frozen=True)
class Sales:
    sold: int
    pending: int


def _holds(event_ids: list[int]) -> tuple[dict[int, list[int]], dict[int, list[int]]]:
    """[seats held, of which still pending] per event and per ticket type, in one query."""
    booking = Event._meta.get_field("bookings").related_model
    live = Q(expires_at__isnull=True) | Q(expires_at__gt=timezone.now())
    rows = (
        booking.objects.filter(event_id__in=event_ids, status=HELD_STATUS)
        .values("event_id", "items__ticket_type_id")
        .annotate(
            item_held=Sum("items__quantity"),
            item_pending=Sum("items__quantity", filter=live),
            held=Sum("quantity"),
            pending=Sum("quantity", filter=live),
        )
        .order_by()
    )
    by_event: dict[int, list[int]] = {event_id: [0, 0] for event_id in event_ids}
    by_type: dict[int, list[int]] = {}
    for row in rows:
        type_id = row["items__ticket_type_id"]
        if type_id is None:  # a booking made before ticket types: no items
            counts = [row["held"] or 0, row["pending"] or 0]
        else:
            counts = [row["item_held"] or 0, row["item_pending"] or 0]
            by_type[type_id] = counts
        by_event[row["event_id"]][0] += counts[0]
        by_event[row["event_id"]][1] += counts[1]
    return by_event, by_type


def _sales(seats: int, held: list[int] | tuple[int, int]) -> Sales:
    return Sales(sold=max(seats - held[0], 0), pending=held[1])


def event_sales_attach(events: Iterable[Event]) -> None:
    """Sets `sales` (Sales) on each event (not its types), in one query for any number."""
    events = [event for event in events if not hasattr(event, "sales")]
    if not events:
        return
    by_event, _ = _holds([event.id for event in events])
    for event in events:
        event.sales = _sales(event.tickets_sold - event.waiting_held, by_event[event.id])


def sales_attach(events: Iterable[Event]) -> None:
    """Sets `sales` (Sales) on each event and on each of its ticket types, in two queries
    for any number of events (their types, unless prefetched, and their holds)."""
    events = [event for event in events if not hasattr(event, "sales")]
    if not events:
        return
    prefetch_related_objects(events, "ticket_types")
    by_event, by_type = _holds([event.id for event in events])
    for event in events:
        event.sales = _sales(event.tickets_sold - event.waiting_held, by_event[event.id])
        for ticket_type in event.ticket_types.all():
            ticket_type.sales = _sales(
                ticket_type.sold - ticket_type.waiting_held, by_type.get(ticket_type.id, (0, 0))
            )


def ticket_type_sales_attach(
    ticket_types: Iterable[TicketType], *, event: Event | None = None
) -> None:
    """`sales` on ticket types read on their own (and on `event`, theirs, when given): from
    their events' holds, in one query."""
    ticket_types = [item for item in ticket_types if not hasattr(item, "sales")]
    event_ids = {item.event_id for item in ticket_types} | ({event.id} if event else set())
    if not event_ids:
        return
    by_event, by_type = _holds(sorted(event_ids))
    for item in ticket_types:
        item.sales = _sales(item.sold - item.waiting_held, by_type.get(item.id, (0, 0)))
    if event is not None:
        event.sales = _sales(event.tickets_sold - event.waiting_held, by_event[event.id])
