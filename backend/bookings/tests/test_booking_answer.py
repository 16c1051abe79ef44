"""The 201 of a new booking is built from the rows the booking just wrote, not read back:
it must say exactly what reading the booking afterwards says."""

import pytest

from bookings.tests.payment_helpers import paid_event
from conftest import client_for
from events.tests.factories import EventFactory
from users.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def book_and_read(event, **body):
    client = client_for(UserFactory())
    answer = client.post("/api/book-ticket/", {"event": event.id, **body}, format="json")
    assert answer.status_code == 201, answer.content
    read = client.get(f"/api/bookings/{answer.json()['id']}/")
    assert read.status_code == 200
    return answer.json(), read.json()


def test_a_free_booking_answers_what_reading_it_says():
    event = EventFactory(capacity=10, max_per_booking=4)
    answer, read = book_and_read(event, quantity=3)
    assert answer == read
    assert len(answer["tickets"]) == 3
    assert [t["id"] for t in answer["tickets"]] == sorted(t["id"] for t in answer["tickets"])


def test_a_paid_hold_answers_what_reading_it_says():
    event = paid_event(methods=["manual"], capacity=10, max_per_booking=2)
    answer, read = book_and_read(event, quantity=2, payment_method="manual")
    assert answer == read
    assert answer["status"] == "pending_payment"
    assert all(ticket["code"] is None for ticket in answer["tickets"])


def test_the_booking_of_the_last_seats_shows_the_event_sold_out():
    event = EventFactory(capacity=2, max_per_booking=2)
    answer, read = book_and_read(event, quantity=2)
    assert answer == read
    assert answer["event_summary"]["phase"] == "sold_out"
