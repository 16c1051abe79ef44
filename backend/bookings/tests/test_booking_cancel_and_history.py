import pytest

from bookings.models import Ticket
from bookings.tests.helpers import book, decode_qr
from conftest import client_for
from events.tests.factories import EventFactory
from users.models import Role
from users.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_owner_cancels_seats_come_back_and_tickets_are_void(attendee_client, attendee):
    event = EventFactory(capacity=5)
    booking = book(attendee, event, 3)
    response = attendee_client.post(f"/api/bookings/{booking.id}/cancel/")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "cancelled"
    assert body["cancelled_at"]
    assert {t["status"] for t in body["tickets"]} == {"cancelled"}
    event.refresh_from_db()
    assert event.tickets_sold == 0


def test_cancel_is_idempotent(attendee_client, attendee):
    event = EventFactory(capacity=5)
    other = book(UserFactory(), event, 2)
    booking = book(attendee, event, 3)
    for _ in range(3):
        assert attendee_client.post(f"/api/bookings/{booking.id}/cancel/").status_code == 200
    event.refresh_from_db()
    assert event.tickets_sold == other.quantity


def test_the_events_organizer_and_an_admin_may_cancel(attendee):
    event = EventFactory()
    booking = book(attendee, event)
    assert (
        client_for(event.organizer).post(f"/api/bookings/{booking.id}/cancel/").status_code == 200
    )
    second = book(attendee, event)
    admin = UserFactory(role=Role.ADMIN)
    assert client_for(admin).post(f"/api/bookings/{second.id}/cancel/").status_code == 200


@pytest.mark.parametrize("who", ["other_attendee", "other_organizer", "anonymous"])
def test_others_cannot_see_or_cancel(attendee, api_client, who):
    event = EventFactory()
    booking = book(attendee, event)
    if who == "anonymous":
        client, expected = api_client, 401
    else:
        role = Role.ATTENDEE if who == "other_attendee" else Role.ORGANIZER
        client, expected = client_for(UserFactory(role=role)), 404
    assert client.get(f"/api/bookings/{booking.id}/").status_code == expected
    assert client.post(f"/api/bookings/{booking.id}/cancel/").status_code == expected
    booking.refresh_from_db()
    assert booking.status == "confirmed"


def test_history_lists_only_my_bookings_newest_first(attendee_client, attendee):
    first = book(attendee, EventFactory())
    second = book(attendee, EventFactory())
    book(UserFactory(), EventFactory())
    body = attendee_client.get("/api/bookings/").json()
    assert body["count"] == 2
    assert [b["id"] for b in body["results"]] == [second.id, first.id]


def test_history_query_count_does_not_grow_with_bookings(
    attendee_client, attendee, django_assert_max_num_queries
):
    for _ in range(3):
        book(attendee, EventFactory(), 2)
    with django_assert_max_num_queries(7) as few:  # + ended holds, + items
        attendee_client.get("/api/bookings/")
    for _ in range(12):
        book(attendee, EventFactory(), 3)
    with django_assert_max_num_queries(len(few.captured_queries)):
        body = attendee_client.get("/api/bookings/?page_size=50").json()
    assert body["count"] == 15


@pytest.mark.parametrize("image_format", ["png", "svg"])
def test_qr_image_for_the_holder_and_the_organizer(attendee_client, attendee, image_format):
    event = EventFactory()
    booking = book(attendee, event)
    ticket = attendee_client.get(f"/api/bookings/{booking.id}/").json()["tickets"][0]
    url = ticket[f"qr_{image_format}"]
    for client in (attendee_client, client_for(event.organizer)):
        response = client.get(url, HTTP_ACCEPT="image/avif,image/webp,*/*")
        assert response.status_code == 200
        assert response["Content-Type"].startswith(f"image/{image_format}")
        assert "private" in response["Cache-Control"]
    if image_format == "png":
        assert decode_qr(response.content) == [ticket["code"]]
    else:
        assert response.content.lstrip().startswith(b"<svg")


def test_qr_image_is_hidden_from_others(attendee):
    ticket = Ticket.objects.filter(booking=book(attendee, EventFactory())).get()
    for user in (UserFactory(), UserFactory(role=Role.ORGANIZER)):
        response = client_for(user).get(f"/api/tickets/{ticket.id}/qr.png", HTTP_ACCEPT="image/png")
        assert response.status_code == 404
        assert response.json()["code"] == "not_found"


def test_qr_image_of_an_unknown_format_is_404(attendee_client):
    assert attendee_client.get("/api/tickets/1/qr.gif").status_code == 404
