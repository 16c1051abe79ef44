"""Event writes. Each state change with rules of its own is its own function: create, update
(plain fields), reschedule, publish, unpublish, cancel (with its whole cascade), delete, and
door staff. `event_change` applies a v1 PATCH (any subset of fields) through them in one
transaction.

Every write locks the event row first, as booking and check-in do, so they queue instead of
deadlocking."""

from __future__ import annotations

import secrets
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from attendance.models import Scan
from bookings.models import (
    ENDED_STATUSES,
    Booking,
    BookingItem,
    BookingStatus,
    CancelledBy,
    SeatSlot,
    Ticket,
    TicketStatus,
)
from bookings.payments import stripe_enabled
from bookings.services import (
    PaymentMethodUnavailable,
    booking_refunds_for_cancelled_event,
    seat_slots_capacity_change,
)
from common.db import atomic_with_retry
from common.exceptions import DomainError, InvalidInput, NotFound
from common.timefmt import local_time_text
from users.broadcast import event_access_ended_broadcast
from users.models import User
from users.permissions import require_verified_email

from . import notifications
from .images import ImageRejected, event_image_encode
from .models import (
    CHECKIN_OPENS_BEFORE_START,
    GENERAL_ADMISSION,
    Event,
    EventMessage,
    EventStaff,
    EventStatus,
    PaymentMethod,
    TicketType,
)
from .selectors import staff_invitation_token_read


class CapacityBelowSold(DomainError):
    code = "capacity_below_sold"
    status_code = 409
    default_detail = "Capacity cannot be lower than the tickets already sold."


class EventCancelled(DomainError):
    code = "event_cancelled"
    status_code = 409
    default_detail = "This event was cancelled and can no longer be changed."


class EventHasBookings(DomainError):
    code = "event_has_bookings"
    status_code = 409
    default_detail = "This event has bookings: cancel it instead of deleting it."


class EventInPast(DomainError):
    code = "event_in_past"
    status_code = 400
    default_detail = "This event starts in the past: move it to a future date to publish it."


class InvitationInvalid(DomainError):
    code = "invalid_token"
    status_code = 400
    default_detail = "This invitation link is invalid, was withdrawn or has expired."


class InvitationForOtherAccount(DomainError):
    code = "invitation_other_account"
    status_code = 403
    default_detail = "This invitation is for another e-mail address: sign in with that one."


class EventHasSales(DomainError):
    code = "event_has_sales"
    status_code = 409
    default_detail = "Tickets are sold: cancel the event instead of unpublishing it."


class QuotaBelowSold(DomainError):
    code = "quota_below_sold"
    status_code = 409
    default_detail = "The quota cannot be lower than the tickets of this type already sold."


class TicketTypeHasSales(DomainError):
    code = "ticket_type_has_sales"
    status_code = 409
    default_detail = "Tickets of this type were sold: it cannot be deleted."


class UseCancelEndpoint(DomainError):
    code = "use_cancel_endpoint"
    status_code = 400
    default_detail = (
        "Cancelling refunds every ticket holder: use POST /api/events/{id}/cancel/ with a reason."
    )


class PriceSetPerType(DomainError):
    code = "price_set_per_type"
    status_code = 409
    default_detail = "This event has several ticket types: set the price of each type."


PLAIN_FIELDS = frozenset(
    {
        "title",
        "description",
        "venue",
        "venue_address",
        "category",
        "allow_reentry",
        "timezone",
        "capacity",
        "price",
        "currency",
        "max_per_booking",
        "payment_methods",
        "hold_minutes",
        "manual_payment_hours",
        "payment_instructions",
        "attendee_cancel_until",
    }
)


def enabled_payment_methods() -> list[str]:
    """The methods this server can take: manual always, Stripe when its keys are set."""
    methods = [PaymentMethod.MANUAL.value]
    if stripe_enabled():
        methods.insert(0, PaymentMethod.STRIPE.value)
    return methods


def _check_payment_methods(methods: list[str]) -> None:
    unknown = set(methods) - set(enabled_payment_methods())
    if unknown:
        raise PaymentMethodUnavailable(
            f"Not enabled on this server: {', '.join(sorted(unknown))}.",
            fields={"payment_methods": ["Enabled: " + ", ".join(enabled_payment_methods())]},
        )


def _lowest_price_sync(event_id: int) -> None:
    """Event.price is the lowest price of its types (listings sort and filter on it)."""
    prices = list(TicketType.objects.filter(event_id=event_id).values_list("price", flat=True))
    if prices:
        Event.objects.filter(id=event_id).update(price=min(prices))


TIME_FIELDS = frozenset({"starts_at", "ends_at", "checkin_opens_at"})


def _time_span(starts: datetime, ends: datetime, *, zone: str) -> str:
    return f"{local_time_text(starts, zone)} to {local_time_text(ends, zone)}"


def _check_times(event: Event) -> None:
    errors: dict[str, list[str]] = {}
    if event.ends_at <= event.starts_at:
        errors["ends_at"] = ["The event must end after it starts."]
    elif event.checkin_opens_at >= event.ends_at:
        errors["checkin_opens_at"] = ["Check-in must open before the event ends."]
    if errors:
        raise InvalidInput(fields=errors)


def _check_publishable(event: Event) -> None:
    if event.starts_at <= timezone.now():
        raise EventInPast()
    require_verified_email(event.organizer)


def _locked(event_id: int) -> Event:
    """The event row, locked until the transaction ends; refuses a cancelled event."""
    event = Event.objects.select_for_update().filter(id=event_id).first()
    if event is None:
        raise NotFound("No such event.")
    if event.status == EventStatus.CANCELLED:
        raise EventCancelled()
    return event


def event_create(*, organizer: User, **fields: Any) -> Event:
    status = fields.pop("status", EventStatus.DRAFT)
    if status not in (EventStatus.DRAFT, EventStatus.PUBLISHED):
        raise InvalidInput(fields={"status": ["A new event is a draft or published."]})
    if not fields.get("checkin_opens_at"):
        fields["checkin_opens_at"] = fields["starts_at"] - CHECKIN_OPENS_BEFORE_START
    fields["currency"] = fields.get("currency", "EUR").upper()
    if "payment_methods" in fields:
        _check_payment_methods(fields["payment_methods"])
    else:
        fields["payment_methods"] = enabled_payment_methods()
    fields.setdefault("timezone", settings.TIME_ZONE)
    event = Event(organizer=organizer, status=status, **fields)
    _check_times(event)
    if status == EventStatus.PUBLISHED:
        _check_publishable(event)
    with transaction.atomic():
        event.save()
        # Sold through ticket types: one at the event's price to begin with.
        TicketType.objects.create(event=event, name=GENERAL_ADMISSION, price=event.price)
    return event


def event_update(*, event_id: int, **changes: Any) -> Event:
    """Change plain fields (not times, not status). Capacity never goes below the sold."""
    unknown = set(changes) - PLAIN_FIELDS
    if unknown:
        raise InvalidInput(
            fields={name: ["This field cannot be changed here."] for name in unknown}
        )
    if "currency" in changes:
        changes["currency"] = changes["currency"].upper()
    if "payment_methods" in changes:
        _check_payment_methods(changes["payment_methods"])

    def apply() -> Event:
        # The lock keeps tickets_sold still while capacity is compared with it.
        event = _locked(event_id)
        if "capacity" in changes and changes["capacity"] < event.tickets_sold:
            raise CapacityBelowSold(
                f"{event.tickets_sold} tickets are sold: capacity cannot go below that."
            )
        if "capacity" in changes:
            # Slotted seats (a flash sale) follow, under the same lock.
            seat_slots_capacity_change(
                event_id=event_id, change=changes["capacity"] - event.capacity
            )
        if "price" in changes:
            # A v1 client's price is the price of the one type; with several, set each.
            types = TicketType.objects.filter(event_id=event_id)
            if types.count() > 1:
                raise PriceSetPerType()
            types.update(price=changes["price"])
        before = local_place(event)
        for name, value in changes.items():
            setattr(event, name, value)
        event.save()
        if local_place(event) != before and event.tickets_sold:
            notifications.event_notice_queue(
                event=event,
                kind="changed",
                lines=[
                    "The organizer has moved your event to another place.",
                    f"It was: {before}",
                    f"It is now: {local_place(event)}",
                    "Your tickets stay valid. If you cannot come, cancel your booking under"
                    " My tickets.",
                ],
            )
        return event

    return atomic_with_retry(apply)


def local_place(event: Event) -> str:
    return ", ".join(part for part in (event.venue, event.venue_address) if part)


def event_reschedule(
    *,
    event_id: int,
    starts_at: datetime | None = None,
    ends_at: datetime | None = None,
    checkin_opens_at: datetime | None = None,
) -> Event:
    """Move an event. Check-in keeps its default distance to the start unless it is given."""

    def apply() -> Event:
        event = _locked(event_id)
        before = (event.starts_at, event.ends_at)
        if starts_at is not None:
            event.starts_at = starts_at
            if checkin_opens_at is None:
                event.checkin_opens_at = starts_at - CHECKIN_OPENS_BEFORE_START
        if ends_at is not None:
            event.ends_at = ends_at
        if checkin_opens_at is not None:
            event.checkin_opens_at = checkin_opens_at
        _check_times(event)
        if event.status == EventStatus.PUBLISHED and starts_at is not None:
            _check_publishable(event)
        event.save()
        if (event.starts_at, event.ends_at) != before and event.tickets_sold:
            was = _time_span(*before, zone=event.timezone)
            notifications.event_notice_queue(
                event=event,
                kind="changed",
                lines=[
                    "The organizer has moved your event to another time.",
                    f"It was: {was}",
                    f"It is now: {_time_span(event.starts_at, event.ends_at, zone=event.timezone)}",
                    "Your tickets stay valid. If you cannot come, cancel your booking under"
                    " My tickets.",
                ],
            )
        return event

    return atomic_with_retry(apply)


def event_publish(*, event_id: int) -> Event:
    """Draft -> published: listed and open for booking. Only for an event still ahead."""

    def apply() -> Event:
        event = _locked(event_id)
        if event.status == EventStatus.PUBLISHED:
            return event
        _check_publishable(event)
        event.status = EventStatus.PUBLISHED
        event.save(update_fields=["status", "updated_at"])
        return event

    return atomic_with_retry(apply)


def event_unpublish(*, event_id: int) -> Event:
    """Published -> draft: off the list. Only while nothing is sold (else cancel it)."""

    def apply() -> Event:
        event = _locked(event_id)
        if event.status == EventStatus.DRAFT:
            return event
        if event.tickets_sold:
            raise EventHasSales()
        event.status = EventStatus.DRAFT
        event.save(update_fields=["status", "updated_at"])
        return event

    return atomic_with_retry(apply)


def event_cancel(*, event_id: int, reason: str = "") -> Event:
    """Cancel an event and everything sold for it, in one transaction: every booking is
    cancelled, every ticket voided, the counters return to zero; the holders are told why
    (`reason`). Final: a cancelled event changes no more. Cancelling it again changes
    nothing."""

    def apply() -> Event:
        event = Event.objects.select_for_update().filter(id=event_id).first()
        if event is None:
            raise NotFound("No such event.")
        if event.status == EventStatus.CANCELLED:
            return event
        now = timezone.now()
        booking_refunds_for_cancelled_event(event_id=event_id)
        holders = Booking.objects.filter(event_id=event_id).exclude(status__in=ENDED_STATUSES)
        booking_ids = list(holders.order_by("id").values_list("id", flat=True))
        holders.update(
            status=BookingStatus.CANCELLED,
            active=None,
            cancelled_at=now,
            cancelled_by=CancelledBy.ORGANIZER,
        )
        Ticket.objects.filter(event_id=event_id).exclude(status=TicketStatus.CANCELLED).update(
            status=TicketStatus.CANCELLED, inside=False, changed_at=now
        )
        TicketType.objects.filter(event_id=event_id).update(sold=0)
        SeatSlot.objects.filter(event_id=event_id).delete()  # nothing is sold any more
        event.status = EventStatus.CANCELLED
        event.tickets_sold = 0
        event.checked_in_count = 0
        event.inside_count = 0
        event.save(
            update_fields=[
                "status",
                "tickets_sold",
                "checked_in_count",
                "inside_count",
                "updated_at",
            ]
        )
        if booking_ids:
            notifications.event_notice_queue(
                event=event,
                kind="cancelled",
                lines=[
                    f"We are sorry: the organizer has cancelled {event.title}.",
                    *([f"The organizer says: {reason}"] if reason else []),
                    "Your booking is cancelled and its tickets no longer admit anyone.",
                ],
                booking_ids=booking_ids,
            )
        return event

    return atomic_with_retry(apply)


_STATUS_CHANGES = {
    EventStatus.PUBLISHED: event_publish,
    EventStatus.DRAFT: event_unpublish,
}


def event_change(*, event_id: int, changes: dict[str, Any]) -> Event:
    """A PATCH: any subset of fields, applied by the services above in one transaction (all
    or nothing). The status goes last, so publishing checks the new times."""
    changes = dict(changes)
    status = changes.pop("status", None)
    if status == EventStatus.CANCELLED:
        raise UseCancelEndpoint()
    times = {name: changes.pop(name) for name in TIME_FIELDS & set(changes)}

    def apply() -> Event:
        event = _locked(event_id)
        if "checkin_opens_at" in times and times["checkin_opens_at"] is None:
            # null asks for the default: two hours before the (new) start.
            start = times.get("starts_at") or event.starts_at
            times["checkin_opens_at"] = start - CHECKIN_OPENS_BEFORE_START
        if changes:
            event = event_update(event_id=event_id, **changes)
        if times:
            event = event_reschedule(event_id=event_id, **times)
        if status is not None and status != event.status:
            event = _STATUS_CHANGES[status](event_id=event_id)
        return event

    return atomic_with_retry(apply)


def event_delete(*, event_id: int) -> None:
    """Delete an event that never sold anything; its scan log (rejected scans of codes shown
    at its door) goes with it."""

    def delete() -> None:
        event = Event.objects.select_for_update().filter(id=event_id).first()
        if event is None:
            raise NotFound("No such event.")
        if Booking.objects.filter(event_id=event_id).exists():
            raise EventHasBookings()
        # Scan.event has no database foreign key (see attendance.models): delete by hand.
        Scan.objects.filter(event_id=event_id).delete()
        TicketType.objects.filter(event_id=event_id).delete()
        event.delete()

    atomic_with_retry(delete)


def event_staff_invite(*, event: Event, email: str, base_url: str) -> EventStaff:
    """Invite an address to scan tickets at this event's door. The same whatever the
    address: no account is looked up, nothing tells whether one exists; the invitee decides
    (event_staff_accept). Inviting again sends a new link and kills the old one; an address
    that already accepted is left as it is."""
    email = email.strip().lower()

    def invite() -> EventStaff:
        link = EventStaff.objects.select_for_update().filter(event=event, email=email).first()
        if link is not None and link.user_id is not None:
            return link
        if link is None:
            link = EventStaff(event=event, email=email)
        link.nonce = secrets.token_hex(16)
        link.invited_at = timezone.now()
        link.save()
        notifications.staff_invitation_queue(staff=link, base_url=base_url)
        return link

    try:
        return atomic_with_retry(invite)
    except IntegrityError:  # invited at this very moment by a second request: one is enough
        return EventStaff.objects.get(event=event, email=email)


def event_staff_accept(*, token: str, user: User) -> EventStaff:
    """The invitee, signed in with the invited address, becomes door staff. The link works
    once (its nonce is cleared); accepting again as the same person changes nothing."""
    found = staff_invitation_token_read(token)
    if found is None:
        raise InvitationInvalid()
    staff_id, nonce = found

    def accept() -> EventStaff:
        link = EventStaff.objects.select_for_update().filter(id=staff_id).first()
        if link is not None and link.user_id is not None and link.user_id == user.id:
            return link
        if link is None or link.user_id is not None or not nonce or link.nonce != nonce:
            raise InvitationInvalid()
        if link.email != user.email:
            raise InvitationForOtherAccount()
        link.user = user
        link.accepted_at = timezone.now()
        link.nonce = ""
        link.save(update_fields=["user", "accepted_at", "nonce"])
        # Opening the e-mailed link proves the address.
        User.objects.filter(id=user.id, email_verified=False).update(email_verified=True)
        return link

    return atomic_with_retry(accept)


def event_staff_remove(*, event: Event, staff_id: int) -> None:
    """Remove door staff or withdraw an invitation. A removed person's live door sockets on
    this event close at once."""
    with transaction.atomic():
        link = EventStaff.objects.select_for_update().filter(event=event, id=staff_id).first()
        if link is None:
            raise NotFound("No such door staff or invitation for this event.")
        link.delete()
        if link.user_id is not None:
            event_access_ended_broadcast(user_id=link.user_id, event_id=event.id)


def _check_sales_window(ticket_type: TicketType) -> None:
    if (
        ticket_type.sales_start is not None
        and ticket_type.sales_end is not None
        and ticket_type.sales_end <= ticket_type.sales_start
    ):
        raise InvalidInput(fields={"sales_end": ["Sales must end after they start."]})


def ticket_type_create(*, event_id: int, **fields: Any) -> TicketType:
    """A new ticket type of an event (not of a cancelled one)."""

    def apply() -> TicketType:
        _locked(event_id)
        ticket_type = TicketType(event_id=event_id, **fields)
        _check_sales_window(ticket_type)
        ticket_type.save()
        _lowest_price_sync(event_id)
        return ticket_type

    return atomic_with_retry(apply)


class ImageInvalid(DomainError):
    code = "image_invalid"
    status_code = 400
    default_detail = "This file is not an image we can use."


class EventNotPublished(DomainError):
    code = "event_not_published"
    status_code = 409
    default_detail = "Only a published event has ticket holders to write to."


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
    "payment_instructions",
)
# A ticket type's own settings; its sales window belongs to the old dates and is left out.
COPIED_TICKET_TYPE_FIELDS = ("name", "description", "price", "quota", "max_per_booking", "position")


def event_duplicate(*, event_id: int, organizer: User) -> Event:
    """A draft copy of an event, to change and publish: same details, times, image; nothing
    sold, no staff. The organizer moves it to its new date before publishing it."""
    source = Event.objects.filter(id=event_id).first()
    if source is None:
        raise NotFound("No such event.")
    title = f"{source.title} (copy)"[:200]
    copy = Event(
        organizer=organizer,
        title=title,
        status=EventStatus.DRAFT,
        **{name: getattr(source, name) for name in COPIED_FIELDS},
    )
    if source.image:
        copy.image = source.image.name  # images are never overwritten: sharing one is safe
    with transaction.atomic():
        copy.save()
        TicketType.objects.bulk_create(
            TicketType(
                event=copy, **{name: getattr(kind, name) for name in COPIED_TICKET_TYPE_FIELDS}
            )
            for kind in source.ticket_types.order_by("position", "id")
        )
    return copy


def event_image_set(*, event_id: int, upload: Any) -> Event:
    """Replace the event's image by a re-encoded copy of `upload` (JPEG, PNG or WebP)."""
    try:
        encoded = event_image_encode(upload, event_id=event_id)
    except ImageRejected as error:
        raise ImageInvalid(str(error), fields={"image": [str(error)]}) from error

    def apply() -> Event:
        event = _locked(event_id)
        event.image.save(encoded.name, encoded, save=False)
        event.save(update_fields=["image", "updated_at"])
        return event

    return atomic_with_retry(apply)


def ticket_type_update(*, event_id: int, ticket_type_id: int, **changes: Any) -> TicketType:
    """Change a ticket type. Its quota never goes below what is sold of it; a price change
    applies to bookings made after it (each booking keeps the price it was made at)."""

    def apply() -> TicketType:
        _locked(event_id)  # the event row first, as booking does: the same lock order
        ticket_type = (
            TicketType.objects.select_for_update()
            .filter(event_id=event_id, id=ticket_type_id)
            .first()
        )
        if ticket_type is None:
            raise NotFound("No such ticket type.")
        quota = changes.get("quota", ticket_type.quota)
        if quota is not None and quota < ticket_type.sold:
            raise QuotaBelowSold(
                f"{ticket_type.sold} tickets of this type are sold: the quota cannot go below."
            )
        for name, value in changes.items():
            setattr(ticket_type, name, value)
        _check_sales_window(ticket_type)
        ticket_type.save()
        _lowest_price_sync(event_id)
        return ticket_type

    return atomic_with_retry(apply)


def event_image_remove(*, event_id: int) -> Event:
    def apply() -> Event:
        event = _locked(event_id)
        event.image = ""
        event.save(update_fields=["image", "updated_at"])
        return event

    return atomic_with_retry(apply)


def ticket_type_delete(*, event_id: int, ticket_type_id: int) -> None:
    """Delete a ticket type nobody ever booked (else change its sales window to stop it)."""

    def apply() -> None:
        _locked(event_id)
        ticket_type = (
            TicketType.objects.select_for_update()
            .filter(event_id=event_id, id=ticket_type_id)
            .first()
        )
        if ticket_type is None:
            raise NotFound("No such ticket type.")
        if ticket_type.sold or BookingItem.objects.filter(ticket_type=ticket_type).exists():
            raise TicketTypeHasSales()
        ticket_type.delete()
        _lowest_price_sync(event_id)

    atomic_with_retry(apply)


def event_message_send(*, event: Event, sender: User, subject: str, body: str) -> EventMessage:
    """Write to every holder of a valid ticket: logged, and one e-mail per booking queued in
    the same transaction (the worker sends them)."""

    def apply() -> EventMessage:
        locked = _locked(event.id)
        if locked.status != EventStatus.PUBLISHED:
            raise EventNotPublished()
        booking_ids = list(
            Booking.objects.filter(event=locked, status=BookingStatus.CONFIRMED)
            .order_by("id")
            .values_list("id", flat=True)
        )
        message = EventMessage.objects.create(
            event=locked, sender=sender, subject=subject, body=body, recipients=len(booking_ids)
        )
        notifications.event_notice_queue(
            event=locked,
            kind="message",
            lines=[subject, *body.splitlines()],
            booking_ids=booking_ids,
        )
        return message

    return atomic_with_retry(apply)
