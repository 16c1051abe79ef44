"""Over-selling and double booking under real concurrency: threads with their own database
connections hitting MariaDB at once (SQLite would serialise them and prove nothing)."""

from collections import Counter

import pytest

from bookings.models import Booking
from bookings.tests.helpers import assert_seats_consistent
from common.tests.concurrency import race
from conftest import client_for
from events.models import Event
from events.tests.factories import EventFactory
from users.tests.factories import UserFactory

pytestmark = [pytest.mark.mysql, pytest.mark.django_db(transaction=True)]


def book_call(client, event_id, quantity=1, key=None):
    headers = {"HTTP_IDEMPOTENCY_KEY": key} if key else {}
    return lambda: client.post(
        "/api/book-ticket/", {"event": event_id, "quantity": quantity}, format="json", **headers
    )


def test_64_attendees_racing_for_20_seats_get_exactly_20():
    event = EventFactory(capacity=20)
    clients = [client_for(UserFactory()) for _ in range(64)]
    responses = race([book_call(client, event.id) for client in clients])
    statuses = Counter(r.status_code for r in responses)
    assert statuses == {201: 20, 409: 44}, statuses
    assert {r.json()["code"] for r in responses if r.status_code == 409} == {"sold_out"}
    assert assert_seats_consistent(event) == 20


def test_mixed_quantities_never_oversell():
    event = EventFactory(capacity=25, max_per_booking=4)
    clients = [client_for(UserFactory()) for _ in range(40)]
    responses = race(
        [book_call(client, event.id, quantity=1 + n % 4) for n, client in enumerate(clients)]
    )
    assert {r.status_code for r in responses} <= {201, 409}
    sold = assert_seats_consistent(event)
    assert sold == sum(r.json()["quantity"] for r in responses if r.status_code == 201)
    assert sold >= 25 - 3  # only a request bigger than the remainder can leave seats


def test_one_attendee_firing_10_bookings_at_once_gets_one():
    event = EventFactory(capacity=100)
    client = client_for(UserFactory())
    responses = race([book_call(client, event.id, quantity=2) for _ in range(10)])
    statuses = Counter(r.status_code for r in responses)
    assert statuses == {201: 1, 409: 9}, statuses
    assert {r.json()["code"] for r in responses if r.status_code == 409} == {"duplicate_booking"}
    assert Booking.objects.filter(event=event).count() == 1
    assert assert_seats_consistent(event) == 2


def test_concurrent_retries_with_one_idempotency_key_make_one_booking():
    event = EventFactory(capacity=100)
    client = client_for(UserFactory())
    responses = race([book_call(client, event.id, quantity=3, key="tap-tap-tap") for _ in range(8)])
    assert {r.status_code for r in responses} == {201}
    assert len({r.json()["id"] for r in responses}) == 1
    assert Booking.objects.filter(event=event).count() == 1
    assert assert_seats_consistent(event) == 3


def test_cancels_racing_with_bookings_never_lose_or_invent_a_seat():
    event = EventFactory(capacity=30)
    holders = [UserFactory() for _ in range(15)]
    bookings = []
    for holder in holders:
        response = client_for(holder).post(
            "/api/book-ticket/", {"event": event.id, "quantity": 2}, format="json"
        )
        bookings.append((holder, response.json()["id"]))
    newcomers = [client_for(UserFactory()) for _ in range(30)]
    calls = [
        (lambda h=h, b=b: client_for(h).post(f"/api/bookings/{b}/cancel/")) for h, b in bookings
    ]
    calls += [book_call(client, event.id, quantity=2) for client in newcomers]
    responses = race(calls)
    assert {r.status_code for r in responses} <= {200, 201, 409}
    assert assert_seats_consistent(event) <= 30
    # Every cancel went through, so all 15 holders' seats were freed for the newcomers.
    assert Booking.objects.filter(id__in=[b for _, b in bookings], status="cancelled").count() == 15


def test_cancelling_the_event_while_people_book_leaves_nothing_sold():
    event = EventFactory(capacity=50)
    organizer = client_for(event.organizer)
    calls = [book_call(client_for(UserFactory()), event.id) for _ in range(20)]
    calls.append(
        lambda: organizer.post(
            f"/api/events/{event.id}/cancel/", {"reason": "Storm"}, format="json"
        )
    )
    responses = race(calls)
    assert {r.status_code for r in responses} <= {200, 201, 400}
    assert assert_seats_consistent(event) == 0
    assert Event.objects.get(id=event.id).status == "cancelled"
