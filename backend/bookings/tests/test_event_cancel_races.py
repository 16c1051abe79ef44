"""Telling ticket holders under real concurrency (MariaDB, threads with their own
connections): an event cancelled while people are booking it. Every booking that committed
is cancelled by the organizer and its buyer gets exactly one cancellation e-mail; a booking
that lost the race took nothing and gets none."""

from collections import Counter

import pytest
from django.core import mail

from bookings.models import Booking, BookingStatus, CancelledBy
from common.outbox import outbox_drain
from common.tests.concurrency import race
from conftest import client_for
from events.models import Event, EventStatus
from events.tests.factories import EventFactory
from users.tests.factories import UserFactory

pytestmark = [pytest.mark.mysql, pytest.mark.django_db(transaction=True)]


def test_cancelling_during_a_booking_rush_tells_every_booker_once(settings):
    settings.QE_OUTBOX_DRAIN_ON_COMMIT = False  # the worker sends, afterwards, as in production
    settings.QE_MANUAL_HOLDS_PER_ADDRESS = 1000  # 16 buyers from one test address
    event = EventFactory(capacity=100, price="9.00")
    buyers = [UserFactory() for _ in range(16)]
    organizer = client_for(event.organizer)

    def book(buyer):
        return lambda: client_for(buyer).post(
            "/api/book-ticket/", {"event": event.id, "quantity": 1}, format="json"
        )

    def cancel():
        return organizer.post(f"/api/events/{event.id}/cancel/", format="json")

    calls = [book(buyer) for buyer in buyers]
    calls.insert(len(calls) // 2, cancel)
    responses = race(calls)
    statuses = Counter(response.status_code for response in responses)
    assert statuses[200] == 1  # the cancellation
    assert set(statuses) <= {200, 201, 400}, statuses  # 400: event_not_bookable (cancelled)

    event.refresh_from_db()
    assert event.status == EventStatus.CANCELLED
    assert Event.objects.get(id=event.id).tickets_sold == 0
    bookings = list(Booking.objects.filter(event=event).select_related("user"))
    assert len(bookings) == statuses[201]
    assert all(b.status == BookingStatus.CANCELLED for b in bookings)
    assert all(b.cancelled_by == CancelledBy.ORGANIZER for b in bookings)

    mail.outbox.clear()
    outbox_drain()
    cancelled = Counter(m.to[0] for m in mail.outbox if m.subject == f"Cancelled: {event.title}")
    assert cancelled == Counter(b.user.email for b in bookings)
    # The confirmations of bookings cancelled before the worker came are not sent: their
    # codes admit nobody.
    assert not [m for m in mail.outbox if m.subject.startswith("Your tickets")]
