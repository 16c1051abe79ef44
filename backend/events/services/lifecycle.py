"""An event's life apart from its transitions: create, change (plain fields, times, a PATCH of
any subset), duplicate, delete. Every write locks the event row first, as booking and
check-in do, so they queue instead of deadlocking."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import ProtectedError

from common.db import atomic_with_retry
from common.exceptions import InvalidInput, NotFound
from common.timefmt import local_time_text
from users.models import User

from .. import notifications
from ..errors import (
    CapacityBelowSold,
    CurrencyLocked,
    EventHasBookings,
    PaymentMethodUnavailable,
    PriceSetPerType,
    UseCancelEndpoint,
)
from ..models import (
    CHECKIN_OPENS_BEFORE_START,
    ENTRY_LIST_NAME,
    GENERAL_ADMISSION,
    CheckinList,
    Event,
    EventStatus,
    TicketType,
)
from ..payment_methods import enabled_payment_methods
from .locking import event_locked
from .seats import seat_slots_capacity_change, seats_added_queue
from .transitions import (
    check_publishable,
    check_publishable_now,
    event_publish,
    event_unpublish,
)
from .values import EventValues


def check_payment_methods(methods: list[str]) -> None:
    unknown = set(methods) - set(enabled_payment_methods())
    if unknown:
        raise PaymentMethodUnavailable(
            f"Not enabled on this server: {', '.join(sorted(unknown))}.",
            fields={"payment_methods": ["Enabled: " + ", ".join(enabled_payment_methods())]},
        )


def _check_times(event: Event) -> None:
    errors: dict[str, list[str]] = {}
    if event.ends_at <= event.starts_at:
        errors["ends_at"] = ["The event must end after it starts."]
    elif event.checkin_opens_at >= event.ends_at:
        errors["checkin_opens_at"] = ["Check-in must open before the event ends."]
    if event.attendee_cancel_until is not None and event.attendee_cancel_until > event.ends_at:
        errors["attendee_cancel_until"] = ["Attendees can cancel at the latest when it ends."]
    if event.transfers_until is not None and event.transfers_until > event.ends_at:
        errors["transfers_until"] = ["Tickets can be transferred at the latest when it ends."]
    if errors:
        raise InvalidInput(fields=errors)


def event_create(*, organizer: User, values: EventValues) -> Event:
    """A draft or published event, with one ticket type ("General admission") at its price."""
    fields = values.given()
    status = fields.pop("status", EventStatus.DRAFT)
    if status not in (EventStatus.DRAFT, EventStatus.PUBLISHED):
        raise InvalidInput(fields={"status": ["A new event is a draft or published."]})
    if not fields.get("checkin_opens_at"):
        fields["checkin_opens_at"] = fields["starts_at"] - CHECKIN_OPENS_BEFORE_START
    fields["currency"] = fields.get("currency", "EUR").upper()
    if "payment_methods" in fields:
        check_payment_methods(fields["payment_methods"])
    else:
        fields["payment_methods"] = enabled_payment_methods()
    fields.setdefault("timezone", settings.TIME_ZONE)
    # Transfers until the start unless the organizer says otherwise (None: off).
    fields.setdefault("transfers_until", fields["starts_at"])
    event = Event(organizer=organizer, status=status, **fields)
    _check_times(event)
    if status == EventStatus.PUBLISHED:
        check_publishable_now(event)
    with transaction.atomic():
        event.save()
        # Sold through ticket types: one at the event's price to begin with.
        TicketType.objects.create(event=event, name=GENERAL_ADMISSION, price=event.price)
        CheckinList.objects.create(event=event, name=ENTRY_LIST_NAME, is_default=True)
    return event


def local_place(event: Event) -> str:
    return ", ".join(part for part in (event.venue, event.venue_address) if part)


def _time_span(starts: datetime, ends: datetime, *, zone: str) -> str:
    return f"{local_time_text(starts, zone)} to {local_time_text(ends, zone)}"


def _tell_holders_of_change(event: Event, what: str, was: str, now: str) -> None:
    notifications.event_notice_queue(
        event=event,
        kind="changed",
        lines=[
            f"The organizer has moved your event to another {what}.",
            f"It was: {was}",
            f"It is now: {now}",
            "Your tickets stay valid. If you cannot come, cancel your booking under My tickets.",
        ],
    )


def _set_capacity(event: Event, capacity: int) -> None:
    """Under the event lock, which keeps tickets_sold still while it is compared."""
    if capacity < event.tickets_sold:
        raise CapacityBelowSold(
            f"{event.tickets_sold} tickets are sold: capacity cannot go below that."
        )
    # Slotted seats (a flash sale) follow, under the same lock.
    seat_slots_capacity_change(event_id=event.id, change=capacity - event.capacity)
    if capacity > event.capacity:
        seats_added_queue(event_id=event.id)


def _set_currency(event: Event, currency: str) -> None:
    """Under the event lock, which keeps tickets_sold (confirmed and held seats) still. Every
    booking and its payment are in the currency of their time: changing it afterwards would
    mix currencies in the event's revenue."""
    if currency != event.currency and event.tickets_sold:
        raise CurrencyLocked()


def _set_price(event: Event, price: Any) -> None:
    """A v1 client's price is the price of the one type; with several, set each."""
    types = TicketType.objects.filter(event_id=event.id)
    if types.count() > 1:
        raise PriceSetPerType()
    types.update(price=price)


def event_update(*, event_id: int, values: EventValues) -> Event:
    """Change plain fields (not times, not status). Capacity never goes below the sold;
    holders are told when the place changes."""
    changes = values.plain()
    if "currency" in changes:
        changes["currency"] = changes["currency"].upper()
    if "payment_methods" in changes:
        check_payment_methods(changes["payment_methods"])

    def apply() -> Event:
        event = event_locked(event_id)
        if "capacity" in changes:
            _set_capacity(event, changes["capacity"])
        if "currency" in changes:
            _set_currency(event, changes["currency"])
        if "price" in changes:
            _set_price(event, changes["price"])
        before = local_place(event)
        for name, value in changes.items():
            setattr(event, name, value)
        event.save()
        if local_place(event) != before and event.tickets_sold:
            _tell_holders_of_change(event, "place", before, local_place(event))
        return event

    return atomic_with_retry(apply)


def event_reschedule(
    *,
    event_id: int,
    starts_at: datetime | None = None,
    ends_at: datetime | None = None,
    checkin_opens_at: datetime | None = None,
) -> Event:
    """Move an event. Check-in keeps its default distance to the start unless it is given."""

    def apply() -> Event:
        event = event_locked(event_id)
        before = (event.starts_at, event.ends_at)
        if starts_at is not None:
            if event.transfers_until == event.starts_at:  # the default follows the start
                event.transfers_until = starts_at
            event.starts_at = starts_at
            if checkin_opens_at is None:
                event.checkin_opens_at = starts_at - CHECKIN_OPENS_BEFORE_START
        if ends_at is not None:
            event.ends_at = ends_at
        if checkin_opens_at is not None:
            event.checkin_opens_at = checkin_opens_at
        _check_times(event)
        if event.status == EventStatus.PUBLISHED and starts_at is not None:
            check_publishable(event)
        event.save()
        if (event.starts_at, event.ends_at) != before and event.tickets_sold:
            was = _time_span(*before, zone=event.timezone)
            now = _time_span(event.starts_at, event.ends_at, zone=event.timezone)
            _tell_holders_of_change(event, "time", was, now)
        return event

    return atomic_with_retry(apply)


_STATUS_CHANGES = {EventStatus.PUBLISHED: event_publish, EventStatus.DRAFT: event_unpublish}


def event_change(*, event_id: int, values: EventValues) -> Event:
    """A PATCH: any subset of fields, applied by the services above in one transaction (all
    or nothing). The status goes last, so publishing checks the new times. Cancelling is
    not a change of fields: it refunds everyone and has its own endpoint."""
    status = values.given().get("status")
    if status == EventStatus.CANCELLED:
        raise UseCancelEndpoint()
    times = values.times()

    def apply() -> Event:
        event = event_locked(event_id)
        if "checkin_opens_at" in times and times["checkin_opens_at"] is None:
            # null asks for the default: two hours before the (new) start.
            start = times.get("starts_at") or event.starts_at
            times["checkin_opens_at"] = start - CHECKIN_OPENS_BEFORE_START
        if values.plain():
            event = event_update(event_id=event_id, values=values)
        if times:
            event = event_reschedule(event_id=event_id, **times)
        if status is not None and status != event.status:
            event = _STATUS_CHANGES[status](event_id=event_id)
        _check_times(event)  # the fields and times as they end up, together
        return event

    return atomic_with_retry(apply)


def event_delete(*, event_id: int) -> None:
    """Delete an event that never sold anything. What belongs to it goes with it (its scan log
    of codes shown at its door, staff, messages); a booking protects it."""

    def delete() -> None:
        event = Event.objects.select_for_update().filter(id=event_id).first()
        if event is None:
            raise NotFound("No such event.")
        try:
            with transaction.atomic():
                TicketType.objects.filter(event_id=event_id).delete()
                event.delete()
        except ProtectedError as error:  # bookings (or their items) point at it
            raise EventHasBookings() from error

    atomic_with_retry(delete)


COPIED_FIELDS = (
    "description",
    "venue",
    "venue_address",
    "category",
    "timezone",
    "starts_at",
    "ends_at",
    "checkin_opens_at",
    "capacity",
    "price",
    "currency",
    "max_per_booking",
    "allow_reentry",
    "payment_methods",
    "hold_minutes",
    "manual_payment_hours",
    "manual_hold_limit",
    "payment_instructions",
    "waiting_list",
    "offer_hours",
    "transfers_until",
)
# A ticket type's own settings; its sales window belongs to the old dates and is left out.
COPIED_TICKET_TYPE_FIELDS = ("name", "description", "price", "quota", "max_per_booking", "position")


def event_duplicate(*, event_id: int, organizer: User) -> Event:
    """A draft copy of an event, to change and publish: same details, times, image; nothing
    sold, no staff. The organizer moves it to its new date before publishing it."""
    source = Event.objects.filter(id=event_id).first()
    if source is None:
        raise NotFound("No such event.")
    copy = Event(
        organizer=organizer,
        title=f"{source.title} (copy)"[:200],
        status=EventStatus.DRAFT,
        **{name: getattr(source, name) for name in COPIED_FIELDS},
    )
    if source.image:
        copy.image = source.image.name  # images are never overwritten: sharing one is safe
    with transaction.atomic():
        copy.save()
        types = {
            kind.id: TicketType.objects.create(
                event=copy, **{name: getattr(kind, name) for name in COPIED_TICKET_TYPE_FIELDS}
            )
            for kind in source.ticket_types.order_by("position", "id")
        }
        CheckinList.objects.create(event=copy, name=ENTRY_LIST_NAME, is_default=True)
        _copy_questions(source, copy, types)
    return copy


def _copy_questions(source: Event, copy: Event, types: dict[int, TicketType]) -> None:
    """The source's questions, asked of the copies of the same types."""
    for question in source.questions.prefetch_related("ticket_types").order_by("position", "id"):
        limited_to = [types[kind.id] for kind in question.ticket_types.all()]
        question.pk = None
        question._state.adding = True
        question.event = copy
        question.save()
        question.ticket_types.set(limited_to)
