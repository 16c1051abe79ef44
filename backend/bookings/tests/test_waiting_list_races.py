"""The waiting list under real concurrency (MariaDB, threads with their own connections):
cancels, new bookings, accepts and leaves racing while offers are out never sell more seats
than the capacity, and never a seat both held for an offer and sold."""

from collections import Counter

import pytest
from django.db.models import Sum

from bookings.models import Booking, BookingStatus, Ticket, TicketStatus, WaitingListEntry
from common.tests.concurrency import race
from conftest import client_for
from events.models import Event, TicketType
from events.tests.factories import EventFactory
from users.tests.factories import UserFactory

pytestmark = [pytest.mark.mysql, pytest.mark.django_db(transaction=True)]


def _book(client, event_id):
    return client.post("/api/book-ticket/", {"event": event_id, "quantity": 1}, format="json")


def _assert_counters_add_up(event) -> tuple[int, int]:
    """Seats taken = confirmed tickets + seats held for offers, within the capacity; every
    counter agrees with the rows. Returns (sold, held)."""
    event = Event.objects.get(id=event.id)
    sold = (
        Booking.objects.filter(event=event, status=BookingStatus.CONFIRMED).aggregate(
            n=Sum("quantity")
        )["n"]
        or 0
    )
    held = (
        WaitingListEntry.objects.filter(event=event, status="offered").aggregate(n=Sum("quantity"))[
            "n"
        ]
        or 0
    )
    valid = Ticket.objects.filter(event=event, status=TicketStatus.VALID).count()
    ticket_type = TicketType.objects.get(event=event)
    assert valid == sold
    assert event.waiting_held == ticket_type.waiting_held == held
    assert event.tickets_sold == ticket_type.sold == sold + held
    assert event.tickets_sold <= event.capacity
    return sold, held


def test_cancels_bookings_accepts_and_leaves_racing_while_offers_are_out():
    event = EventFactory(capacity=12, waiting_list=True)
    holders = []
    for _ in range(12):
        client = client_for(UserFactory())
        holders.append((client, _book(client, event.id).json()["id"]))
    waiting = []
    for _ in range(16):
        client = client_for(UserFactory())
        answer = client.post(
            f"/api/events/{event.id}/waiting-list/", {"quantity": 1}, format="json"
        )
        assert answer.status_code == 201, answer.content
        waiting.append((client, answer.json()["id"]))
    # Two offers are out before the race starts.
    for client, booking_id in holders[:2]:
        assert client.post(f"/api/bookings/{booking_id}/cancel/").status_code == 200
    calls = [(lambda c=c, b=b: c.post(f"/api/bookings/{b}/cancel/")) for c, b in holders[2:10]]
    calls += [
        (lambda c=c: _book(c, event.id)) for c in (client_for(UserFactory()) for _ in range(16))
    ]
    calls += [
        (lambda c=c, w=w: c.post(f"/api/waiting-list/{w}/accept/", {}, format="json"))
        for c, w in waiting[:6]
    ]
    calls += [(lambda c=c, w=w: c.delete(f"/api/waiting-list/{w}/")) for c, w in waiting[6:8]]
    responses = race(calls)
    statuses = Counter(r.status_code for r in responses)
    assert set(statuses) <= {200, 201, 204, 409}, statuses
    new_bookings = responses[8:24]
    # Every seat that came back went to the queue: no newcomer was sold one.
    assert {r.status_code for r in new_bookings} == {409}
    assert {r.json()["code"] for r in new_bookings} == {"sold_out"}
    accepted = [r for r in responses[24:30] if r.status_code == 201]
    assert {r.json()["code"] for r in responses[24:30] if r.status_code == 409} <= {"not_offered"}
    sold, held = _assert_counters_add_up(event)
    # Ten seats came back, sixteen people wait (two left): all ten are held or booked.
    assert sold + held == 12
    assert held + len(accepted) == 10
    # The rest of the offers are accepted: the event ends exactly full.
    for client, entry_id in waiting:
        if WaitingListEntry.objects.get(id=entry_id).status == "offered":
            answer = client.post(f"/api/waiting-list/{entry_id}/accept/", {}, format="json")
            assert answer.status_code == 201, answer.content
    assert _assert_counters_add_up(event) == (12, 0)
