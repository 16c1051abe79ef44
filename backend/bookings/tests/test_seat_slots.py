"""Slotted seat counters (QE_SEAT_SLOTS): an event's seats split over SeatSlot rows, each
booking taking its seats from one of them. Through the public API; never over-sold; the
slots' seats left always equal the event's."""

from collections import Counter

import pytest
from django.db.models import Sum

from bookings.models import Booking
from bookings.tests.helpers import assert_seats_consistent
from common.tests.concurrency import race
from conftest import client_for
from events.models import Event, SeatSlot
from events.tests.factories import EventFactory
from users.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def four_slots(settings):
    settings.QE_SEAT_SLOTS = 4


def book(event, quantity=1, user=None):
    return client_for(user or UserFactory()).post(
        "/api/book-ticket/", {"event": event.id, "quantity": quantity}, format="json"
    )


def assert_consistent(event) -> int:
    """tickets_sold == valid tickets == confirmed quantities <= capacity, and the slots hold
    exactly the seats the event has left."""
    assert_seats_consistent(event)
    slots = SeatSlot.objects.filter(event=event)
    if slots.exists():
        left = sum(slot.capacity - slot.sold for slot in slots)
        assert left == event.capacity - event.tickets_sold
        for slot in slots:
            assert 0 <= slot.sold <= slot.capacity
            taken = (
                Booking.objects.filter(event=event, seat_slot=slot.number)
                .exclude(status__in=["cancelled", "expired"])
                .aggregate(n=Sum("quantity"))["n"]
                or 0
            )
            assert slot.sold == taken
    return event.tickets_sold


def test_off_by_default_the_event_row_alone_counts():
    event = EventFactory(capacity=3)
    assert book(event).status_code == 201
    assert not SeatSlot.objects.filter(event=event).exists()
    assert Booking.objects.get(event=event).seat_slot is None


def test_slotted_event_sells_exactly_its_capacity_then_answers_sold_out(four_slots):
    event = EventFactory(capacity=10, max_per_booking=1)
    answers = [book(event) for _ in range(13)]
    assert Counter(a.status_code for a in answers) == {201: 10, 409: 3}
    assert {a.json()["code"] for a in answers if a.status_code == 409} == {"sold_out"}
    slots = SeatSlot.objects.filter(event=event).order_by("number")
    assert [slot.number for slot in slots] == [0, 1, 2, 3]
    assert sum(slot.capacity for slot in slots) == 10
    assert sum(slot.sold for slot in slots) == 10
    assert assert_consistent(event) == 10


def test_seats_of_several_slots_are_not_booked_together(four_slots):
    event = EventFactory(capacity=8, max_per_booking=4)
    answer = book(event, quantity=4)  # 8 seats over 4 slots: 2 each, none holds 4
    assert answer.status_code == 409
    assert answer.json()["code"] == "capacity_exceeded"
    assert "At most 2" in answer.json()["detail"]
    assert assert_consistent(event) == 0
    for _ in range(4):
        assert book(event, quantity=2).status_code == 201
    assert book(event).json()["code"] == "sold_out"
    assert assert_consistent(event) == 8


def test_cancelling_gives_the_seats_back_to_their_slot(four_slots):
    event = EventFactory(capacity=4, max_per_booking=1)
    attendee = UserFactory()
    booking_id = book(event, user=attendee).json()["id"]
    for _ in range(3):
        assert book(event).status_code == 201
    assert book(event).json()["code"] == "sold_out"
    number = Booking.objects.get(id=booking_id).seat_slot
    assert client_for(attendee).post(f"/api/bookings/{booking_id}/cancel/").status_code == 200
    assert SeatSlot.objects.get(event=event, number=number).sold == 0
    assert assert_consistent(event) == 3
    assert book(event).status_code == 201
    assert assert_consistent(event) == 4


def test_bookings_from_before_the_slots_give_their_seats_to_slot_0(settings):
    event = EventFactory(capacity=6, max_per_booking=2)
    attendee = UserFactory()
    early = book(event, quantity=2, user=attendee).json()["id"]
    settings.QE_SEAT_SLOTS = 4
    assert book(event).status_code == 201  # the slots split the 4 seats left
    assert sum(SeatSlot.objects.filter(event=event).values_list("capacity", flat=True)) == 4
    assert assert_consistent(event) == 3
    assert client_for(attendee).post(f"/api/bookings/{early}/cancel/").status_code == 200
    assert assert_consistent(event) == 1
    for _ in range(5):
        assert book(event).status_code == 201
    assert book(event).json()["code"] == "sold_out"
    assert assert_consistent(event) == 6


def test_organizer_capacity_changes_keep_the_slots_consistent(four_slots):
    organizer = UserFactory(role="organizer")
    event = EventFactory(organizer=organizer, capacity=10, max_per_booking=1)
    for _ in range(6):
        assert book(event).status_code == 201
    client = client_for(organizer)
    patch = lambda capacity: client.patch(  # noqa: E731
        f"/api/events/{event.id}/", {"capacity": capacity}, format="json"
    )
    assert patch(5).json()["code"] == "capacity_below_sold"
    assert patch(7).status_code == 200
    assert assert_consistent(event) == 6
    assert book(event).status_code == 201
    assert book(event).json()["code"] == "sold_out"
    assert patch(12).status_code == 200
    assert assert_consistent(event) == 7
    answers = [book(event) for _ in range(7)]
    assert Counter(a.status_code for a in answers) == {201: 5, 409: 2}
    assert assert_consistent(event) == 12


def test_cancelling_the_event_removes_its_slots(four_slots):
    organizer = UserFactory(role="organizer")
    event = EventFactory(organizer=organizer, capacity=10)
    assert book(event).status_code == 201
    client = client_for(organizer)
    assert client.post(f"/api/events/{event.id}/cancel/", format="json").status_code == 200
    assert not SeatSlot.objects.filter(event=event).exists()
    assert Event.objects.get(id=event.id).tickets_sold == 0


@pytest.mark.mysql
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("slots", [4, 16])
def test_64_attendees_racing_for_20_slotted_seats_get_exactly_20(settings, slots):
    settings.QE_SEAT_SLOTS = slots
    event = EventFactory(capacity=20, max_per_booking=2)
    clients = [client_for(UserFactory()) for _ in range(64)]
    calls = [
        (
            lambda client=client, n=n: client.post(
                "/api/book-ticket/", {"event": event.id, "quantity": 1 + n % 2}, format="json"
            )
        )
        for n, client in enumerate(clients)
    ]
    responses = race(calls)
    assert {r.status_code for r in responses} <= {201, 409}, Counter(
        r.status_code for r in responses
    )
    sold = assert_consistent(event)
    assert sold == sum(r.json()["quantity"] for r in responses if r.status_code == 201)
    assert sold <= 20
    assert SeatSlot.objects.filter(event=event).count() == slots
