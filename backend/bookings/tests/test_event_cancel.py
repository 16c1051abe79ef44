"""Cancelling an event (POST /api/events/{id}/cancel/): the whole cascade in one transaction, run
by this app: every booking cancelled, paid ones refunded, every ticket voided, the counters at
zero, and final."""

import pytest

from bookings.models import Booking, BookingStatus, Ticket, TicketStatus
from bookings.services import event_cancel
from bookings.tests.helpers import book
from conftest import client_for
from events.models import EventStatus
from events.tests.factories import EventFactory
from users.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_cancelling_an_event_cancels_its_bookings_and_voids_tickets(organizer):
    event = EventFactory(organizer=organizer)
    book(UserFactory(), event, 2)
    book(UserFactory(), event, 3)
    response = client_for(organizer).post(f"/api/events/{event.id}/cancel/", format="json")
    assert response.status_code == 200
    assert response.json()["tickets_sold"] == 0
    assert set(Booking.objects.filter(event=event).values_list("status", flat=True)) == {
        "cancelled"
    }
    assert set(Ticket.objects.filter(event=event).values_list("status", flat=True)) == {"cancelled"}
    again = client_for(organizer).patch(f"/api/events/{event.id}/", {"title": "x"}, format="json")
    assert again.status_code == 409 and again.json()["code"] == "event_cancelled"


def patch(event, body):
    return client_for(event.organizer).patch(f"/api/events/{event.id}/", body, format="json")


def test_cancel_owns_the_whole_cascade_and_is_final():
    event = EventFactory()
    first, second = book(UserFactory(), event, 2), book(UserFactory(), event, 1)
    cancelled = event_cancel(event_id=event.id)
    assert (cancelled.status, cancelled.tickets_sold, cancelled.checked_in_count) == (
        EventStatus.CANCELLED,
        0,
        0,
    )
    assert set(Booking.objects.values_list("status", flat=True)) == {BookingStatus.CANCELLED}
    assert Booking.objects.filter(active__isnull=True).count() == 2
    assert set(Ticket.objects.values_list("status", flat=True)) == {TicketStatus.CANCELLED}
    assert event_cancel(event_id=event.id).status == EventStatus.CANCELLED  # again
    for body in ({"title": "Back"}, {"status": "published"}):
        response = patch(event, body)
        assert (response.status_code, response.json()["code"]) == (409, "event_cancelled")
    assert {first.id, second.id} == set(Booking.objects.values_list("id", flat=True))


def post(event, action, body=None):
    return client_for(event.organizer).post(
        f"/api/events/{event.id}/{action}/", body or {}, format="json"
    )


def test_cancelling_tells_every_holder_the_organizers_reason(sent_mail):
    event = EventFactory()
    book(UserFactory(), event, 2)
    sent_mail().clear()
    response = post(event, "cancel", {"reason": "The band is stuck in a snowstorm."})
    assert (response.status_code, response.json()["status"]) == (200, "cancelled")
    assert response.json()["tickets_sold"] == 0
    [message] = sent_mail()
    assert "The band is stuck in a snowstorm." in message.body
    assert Booking.objects.get(event=event).status == BookingStatus.CANCELLED


def test_a_cancelled_event_cannot_be_published_again():
    event = EventFactory()
    assert post(event, "cancel").status_code == 200
    response = post(event, "publish")
    assert (response.status_code, response.json()["code"]) == (409, "event_cancelled")
