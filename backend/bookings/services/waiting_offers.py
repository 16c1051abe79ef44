"""Waiting-list offers: seats that come back are held for the first queued entries they fit.

An offer takes its seats from the event's and the type's counters by the very conditional
UPDATEs a booking takes them with (events.services.seats.seats_take), and counts them in
`waiting_held`: one capacity mechanism, so no other buyer is sold a seat held for an offer
(they get `sold_out`), and no seat is both offered and sold. Giving an offer's seats back is
the reverse (seats_give_back). Everything here runs with the event row locked, in the
transaction that gave the seats back (a cancel, an expiry, a refund) or in the sweep.

Order: entries are offered in the order they joined (by id), each to its full quantity; an
entry the free seats do not fit keeps its place and waits, and a later, smaller entry that
fits is offered meanwhile (pretix's rule). An offer lasts the event's `offer_hours`; one not
accepted by then lapses (`expired`) and its seats pass on to the next entries."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from common.db import atomic_with_retry
from common.exceptions import DomainError
from common.outbox import handles
from events.models import Event, EventStatus, TicketType
from events.services.locking import event_lock
from events.services.seats import (
    SEATS_ADDED,
    Line,
    NoSlotRoom,
    sales_refusal,
    seats_give_back,
    seats_take,
)

from .. import notifications
from ..models import QUEUED_STATUSES, WaitingListEntry, WaitingStatus

OFFER_BATCH = 200


def _room(ticket_type: TicketType, event_left: int) -> int:
    if ticket_type.quota is None:
        return event_left
    return min(event_left, ticket_type.quota - ticket_type.sold)


def _offer_one(
    entry: WaitingListEntry, ticket_type: TicketType, *, event: Event, now: datetime
) -> bool:
    """Hold the entry's seats (a savepoint: all or nothing) and tell its person."""
    try:
        with transaction.atomic():
            slot = seats_take(event_id=event.id, lines=[Line(ticket_type, entry.quantity)], now=now)
            expires_at = now + timedelta(hours=event.offer_hours)
            WaitingListEntry.objects.filter(id=entry.id, status=WaitingStatus.WAITING).update(
                status=WaitingStatus.OFFERED,
                offered_at=now,
                offer_expires_at=expires_at,
                seat_slot=slot,
            )
            Event.objects.filter(id=event.id).update(
                waiting_held=F("waiting_held") + entry.quantity
            )
            TicketType.objects.filter(id=ticket_type.id).update(
                waiting_held=F("waiting_held") + entry.quantity
            )
    except (DomainError, NoSlotRoom):
        return False
    notifications.waiting_offer_queue(entry_id=entry.id)
    return True


def waiting_list_offer(*, event_id: int) -> int:
    """In the caller's transaction, the event row locked: offer the free seats to the queued
    entries they fit, in order. Returns how many entries were offered seats."""
    waiting = list(
        WaitingListEntry.objects.filter(event_id=event_id, status=WaitingStatus.WAITING).order_by(
            "id"
        )[:OFFER_BATCH]
    )
    if not waiting:
        return 0
    # Locking reads (the caller holds the event row already): the counters as they are now,
    # not as an older snapshot of this transaction saw them.
    event = Event.objects.select_for_update().get(id=event_id)
    now = timezone.now()
    if not event.waiting_list or event.status != EventStatus.PUBLISHED or event.ends_at <= now:
        return 0
    types = {
        t.id: t
        for t in TicketType.objects.select_for_update().filter(event_id=event_id).order_by("id")
    }
    left = event.capacity - event.tickets_sold
    offered = 0
    for entry in waiting:
        if left <= 0:
            break
        ticket_type = types[entry.ticket_type_id]
        if entry.quantity > _room(ticket_type, left) or sales_refusal(ticket_type, now):
            continue
        if _offer_one(entry, ticket_type, event=event, now=now):
            offered += 1
            left -= entry.quantity
            ticket_type.sold += entry.quantity
    return offered


def offer_seats_give_back(entry: WaitingListEntry) -> None:
    """In the caller's transaction, the event row locked, after it ended the offer (`entry` as
    it was): its seats go back to the event, its slot and its type."""
    seats_give_back(
        event_id=entry.event_id,
        quantity=entry.quantity,
        slot=entry.seat_slot,
        items=[(entry.ticket_type_id, entry.quantity)],
    )
    Event.objects.filter(id=entry.event_id, waiting_held__gte=entry.quantity).update(
        waiting_held=F("waiting_held") - entry.quantity
    )
    TicketType.objects.filter(id=entry.ticket_type_id, waiting_held__gte=entry.quantity).update(
        waiting_held=F("waiting_held") - entry.quantity
    )


def waiting_offer_expire(*, entry_id: int) -> bool:
    """An offer past its deadline lapses: its seats pass on to the next entries. False when it
    was not due (accepted, left, or still running)."""
    entry = WaitingListEntry.objects.filter(id=entry_id).first()
    if entry is None:
        return False

    def apply() -> bool:
        event_lock(entry.event_id)
        flipped = WaitingListEntry.objects.filter(
            id=entry_id, status=WaitingStatus.OFFERED, offer_expires_at__lte=timezone.now()
        ).update(status=WaitingStatus.EXPIRED, active=None, ended_at=timezone.now())
        if flipped:
            offer_seats_give_back(entry)
            notifications.waiting_offer_lapsed_queue(entry_id=entry_id)
            waiting_list_offer(event_id=entry.event_id)
        return bool(flipped)

    return atomic_with_retry(apply)


def waiting_offers_expire_due(*, event_id: int | None = None) -> int:
    due = WaitingListEntry.objects.filter(
        status=WaitingStatus.OFFERED, offer_expires_at__lte=timezone.now()
    )
    if event_id is not None:
        due = due.filter(event_id=event_id)
    ids = list(due.order_by("offer_expires_at").values_list("id", flat=True)[:OFFER_BATCH])
    return sum(waiting_offer_expire(entry_id=entry_id) for entry_id in ids)


def waiting_list_offer_now(*, event_id: int) -> int:
    """Offer an event's free seats to its queue, in a transaction of its own."""

    def apply() -> int:
        event_lock(event_id)
        return waiting_list_offer(event_id=event_id)

    return atomic_with_retry(apply)


@handles(SEATS_ADDED)
def waiting_list_seats_added(payload: dict) -> None:
    waiting_list_offer_now(event_id=payload["event"])


def waiting_list_sweep() -> int:
    """Offers that lapsed pass on; events with free seats and a queue offer them (seats added
    while the list was off, a sales window that opened). Run by the hold sweep."""
    expired = waiting_offers_expire_due()
    event_ids = (
        Event.objects.filter(
            waiting_list=True,
            status=EventStatus.PUBLISHED,
            ends_at__gt=timezone.now(),
            tickets_sold__lt=F("capacity"),
            waiting_entries__status=WaitingStatus.WAITING,
        )
        .values_list("id", flat=True)
        .distinct()
    )
    return expired + sum(waiting_list_offer_now(event_id=event_id) for event_id in event_ids)


def waiting_list_close(*, event_id: int) -> None:
    """In the event's cancellation (the event row locked, its counters going to zero): nobody
    queues for it any more."""
    WaitingListEntry.objects.filter(event_id=event_id, status__in=QUEUED_STATUSES).update(
        status=WaitingStatus.EXPIRED, active=None, ended_at=timezone.now()
    )
