from datetime import timedelta

import pytest
from django.utils import timezone

from bookings.tests.helpers import book
from conftest import client_for
from events.models import Event, EventStaff
from events.tests.factories import EventFactory
from users.models import Role
from users.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def new_event(**overrides):
    starts = timezone.now() + timedelta(days=10)
    body = {
        "title": "Summer Fest",
        "description": "Bands all day.",
        "venue": "City Park",
        "category": "Music",
        "starts_at": starts.isoformat(),
        "ends_at": (starts + timedelta(hours=8)).isoformat(),
        "capacity": 500,
        "price": "35.00",
        "currency": "eur",
        "max_per_booking": 6,
        "status": "published",
        # Paid by bank transfer only (no card in tests): buyers are told how.
        "payment_instructions": "Bank transfer to IBAN DE00 1234, reference: booking number.",
    }
    body.update(overrides)
    return body


def test_organizer_creates_an_event(organizer_client, organizer):
    response = organizer_client.post("/api/events/", new_event(), format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["organizer"] == {"id": organizer.id, "name": organizer.name}
    assert body["currency"] == "EUR"
    assert body["category"] == "music"
    assert body["tickets_sold"] == 0 and body["tickets_available"] == 500
    event = Event.objects.get(id=body["id"])
    assert event.checkin_opens_at == event.starts_at - timedelta(hours=2)


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"ends_at": (timezone.now() + timedelta(days=1)).isoformat()}, "ends_at"),
        ({"capacity": 0}, "capacity"),
        ({"price": "-1.00"}, "price"),
        ({"price": "abc"}, "price"),
        ({"title": "x" * 201}, "title"),
        ({"description": "x" * 10_001}, "description"),
        ({"currency": "EURO"}, "currency"),
        ({"status": "cancelled"}, "status"),
        ({"status": "open"}, "status"),
        ({"starts_at": "tomorrow"}, "starts_at"),
        ({"max_per_booking": 0}, "max_per_booking"),
        ({"capacity": "many"}, "capacity"),
    ],
)
def test_invalid_events_are_400_and_nothing_is_created(organizer_client, overrides, field):
    response = organizer_client.post("/api/events/", new_event(**overrides), format="json")
    assert response.status_code == 400
    assert field in response.json()["fields"]
    assert not Event.objects.exists()


def test_attendees_and_anonymous_cannot_create(attendee_client, api_client):
    assert attendee_client.post("/api/events/", new_event(), format="json").status_code == 403
    assert api_client.post("/api/events/", new_event(), format="json").status_code == 401
    assert not Event.objects.exists()


def test_owner_edits_and_publishes(organizer):
    event = EventFactory(organizer=organizer, status="draft")
    client = client_for(organizer)
    response = client.patch(f"/api/events/{event.id}/", {"title": "New title"}, format="json")
    assert response.status_code == 200 and response.json()["title"] == "New title"
    response = client.patch(f"/api/events/{event.id}/", {"status": "published"}, format="json")
    assert response.json()["status"] == "published"


def test_moving_the_start_moves_the_default_check_in_opening(organizer):
    event = EventFactory(organizer=organizer)
    starts = event.starts_at + timedelta(days=1)
    client_for(organizer).patch(
        f"/api/events/{event.id}/",
        {"starts_at": starts.isoformat(), "ends_at": (starts + timedelta(hours=2)).isoformat()},
        format="json",
    )
    event.refresh_from_db()
    assert event.checkin_opens_at == starts - timedelta(hours=2)


@pytest.mark.parametrize("method", ["patch", "delete"])
def test_others_cannot_change_an_event(method, api_client):
    event = EventFactory()
    draft = EventFactory(status="draft")
    other_organizer = client_for(UserFactory(role=Role.ORGANIZER))
    attendee = client_for(UserFactory())
    for client, published_status, draft_status in [
        (other_organizer, 403, 404),
        (attendee, 403, 404),
        (api_client, 401, 401),
    ]:
        assert (
            getattr(client, method)(f"/api/events/{event.id}/", {}, format="json").status_code
            == published_status
        )
        assert (
            getattr(client, method)(f"/api/events/{draft.id}/", {}, format="json").status_code
            == draft_status
        )
    assert Event.objects.filter(id=event.id, title=event.title).exists()


def test_capacity_never_below_tickets_sold(organizer):
    event = EventFactory(organizer=organizer, capacity=10)
    book(UserFactory(), event, 4)
    client = client_for(organizer)
    response = client.patch(f"/api/events/{event.id}/", {"capacity": 3}, format="json")
    assert response.status_code == 409
    assert response.json()["code"] == "capacity_below_sold"
    assert (
        client.patch(f"/api/events/{event.id}/", {"capacity": 4}, format="json").status_code == 200
    )


def test_unpublishing_with_tickets_sold_is_refused(organizer):
    event = EventFactory(organizer=organizer)
    book(UserFactory(), event)
    response = client_for(organizer).patch(
        f"/api/events/{event.id}/", {"status": "draft"}, format="json"
    )
    assert response.status_code == 409
    assert response.json()["code"] == "event_has_sales"


def test_delete_only_without_bookings(organizer):
    client = client_for(organizer)
    empty = EventFactory(organizer=organizer, status="draft")
    assert client.delete(f"/api/events/{empty.id}/").status_code == 204
    assert not Event.objects.filter(id=empty.id).exists()
    booked = EventFactory(organizer=organizer)
    book(UserFactory(), booked)
    response = client.delete(f"/api/events/{booked.id}/")
    assert response.status_code == 409 and response.json()["code"] == "event_has_bookings"


def test_admin_may_manage_any_event(admin_user):
    event = EventFactory()
    response = client_for(admin_user).patch(
        f"/api/events/{event.id}/", {"capacity": 7}, format="json"
    )
    assert response.status_code == 200


def test_only_the_owner_manages_staff():
    event = EventFactory()
    for user in (UserFactory(), UserFactory(role=Role.ORGANIZER)):
        client = client_for(user)
        assert client.get(f"/api/events/{event.id}/staff/").status_code == 403
        assert (
            client.post(f"/api/events/{event.id}/staff/", {"email": user.email}).status_code == 403
        )
    assert not EventStaff.objects.exists()
