"""Hoarding: seats held unpaid by manual payment (a bank transfer may take days) are capped.

- Per event: at most `Event.manual_hold_cap` seats await a manual payment at once. The count
  (`Event.manual_held`) is moved by one conditional UPDATE of the event row in the booking's
  transaction, after the seats were taken (the row is already locked by then: no extra lock,
  and free or card bookings never touch it). While the cap is reached manual payment is not
  offered (events.payment_methods.payment_methods_offered).
- Per account: at most QE_MANUAL_HOLDS_PER_ACCOUNT bookings awaiting a manual payment, over
  all events (one per event already: the one-active-booking rule).
- Per client address: at most QE_MANUAL_HOLDS_PER_ADDRESS such bookings made per day, counted
  in the shared cache (the address as DRF reads it: X-Forwarded-For only behind NUM_PROXIES).
The per-account and per-address limits are checks before the write (friendly limits); the
per-event cap is the guarantee."""

from __future__ import annotations

import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.db.models import F, Value
from django.db.models.functions import Coalesce, Greatest
from django.db.models.lookups import LessThanOrEqual

from events.models import Event, PaymentMethod
from users.models import User

from ..errors import ManualHoldsFull, TooManyManualHolds
from ..models import Booking, BookingStatus

logger = logging.getLogger(__name__)

DAY = 24 * 3600


def holds_manual_seats(booking: Booking) -> bool:
    """Does this booking (as it was before a change) count in its event's `manual_held`?"""
    return (
        booking.status == BookingStatus.PENDING_PAYMENT
        and booking.payment_method == PaymentMethod.MANUAL
    )


def _cap():
    """Event.manual_hold_cap, in SQL (integer division: the capacity's share rounded down)."""
    share = F("capacity") * settings.QE_MANUAL_HOLD_PERCENT / 100
    return Coalesce(F("manual_hold_limit"), Greatest(share, Value(1)))


def manual_hold_check(
    *, event: Event, user: User, quantity: int, client_address: str | None
) -> None:
    """Before a booking awaiting a manual payment is written: the friendly answers (the
    event's cap as read, the account's and the address's limits)."""
    if event.manual_held + quantity > event.manual_hold_cap:
        raise ManualHoldsFull()
    awaiting = Booking.objects.filter(
        user=user, status=BookingStatus.PENDING_PAYMENT, payment_method=PaymentMethod.MANUAL
    ).count()
    if awaiting >= settings.QE_MANUAL_HOLDS_PER_ACCOUNT:
        raise TooManyManualHolds("Pay (or cancel) your bookings awaiting payment first.")
    if client_address and not _address_slot_taken(client_address):
        raise TooManyManualHolds("Too many bookings awaiting payment from this network today.")


def _address_slot_taken(address: str) -> bool:
    """One of the address's manual holds of today, from the shared cache. A cache that does
    not answer does not stop a booking (the event's cap still holds)."""
    key = f"manual-holds:{address}:{int(time.time()) // DAY}"
    try:
        cache.add(key, 0, timeout=DAY)
        count = cache.incr(key)
    except ValueError:  # expired between add() and incr()
        return True
    except Exception:  # the cache is away: logged, the booking goes on
        logger.warning("manual hold counter unavailable", exc_info=True)
        return True
    return count <= settings.QE_MANUAL_HOLDS_PER_ADDRESS


def manual_hold_take(*, event_id: int, quantity: int) -> None:
    """In the booking's transaction, after its seats were taken (the event row is locked by
    this transaction already): `quantity` more seats await a manual payment, within the cap."""
    taken = Event.objects.filter(
        LessThanOrEqual(F("manual_held") + quantity, _cap()), id=event_id
    ).update(manual_held=F("manual_held") + quantity)
    if not taken:
        raise ManualHoldsFull()


def manual_hold_give_back(booking: Booking) -> None:
    """In the transaction that ends a manual hold (paid, expired, cancelled, released), the
    event row locked: its seats no longer await a payment. `booking` as it was before."""
    if not holds_manual_seats(booking):
        return
    Event.objects.filter(id=booking.event_id, manual_held__gte=booking.quantity).update(
        manual_held=F("manual_held") - booking.quantity
    )
