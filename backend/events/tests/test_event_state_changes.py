"""Each state change of an event is its own service with its own rules: publish, unpublish,
reschedule, cancel (with its whole cascade). A PATCH applies them in one transaction."""

from datetime import timedelta

import pytest
from django.utils import timezone

from bookings.tests.helpers import book
from conftest import client_for
from events import errors, services
from events.models import Event, EventStatus
from events.tests.factories import EventFactory
from users.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def patch(event, body):
    return client_for(event.organizer).patch(f"/api/events/{event.id}/", body, format="json")


def test_creating_a_published_event_in_the_past_is_refused(organizer_client):
    past = timezone.now() - timedelta(days=1)
    response = organizer_client.post(
        "/api/events/",
        {
            "title": "Yesterday",
            "venue": "Hall",
            "starts_at": past.isoformat(),
            "ends_at": (past + timedelta(hours=2)).isoformat(),
            "capacity": 10,
            "status": "published",
        },
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["code"] == "event_in_past"
    assert not Event.objects.exists()


def test_a_draft_in_the_past_may_be_kept_but_not_published():
    starts = timezone.now() - timedelta(hours=1)
    event = EventFactory(status=EventStatus.DRAFT, starts_at=starts, ends_at=starts + timedelta(1))
    response = patch(event, {"status": "published"})
    assert (response.status_code, response.json()["code"]) == (400, "event_in_past")
    event.refresh_from_db()
    assert event.status == EventStatus.DRAFT


def test_publishing_together_with_a_new_future_date_works():
    starts = timezone.now() - timedelta(hours=1)
    event = EventFactory(status=EventStatus.DRAFT, starts_at=starts, ends_at=starts + timedelta(1))
    later = timezone.now() + timedelta(days=3)
    response = patch(
        event,
        {
            "status": "published",
            "starts_at": later.isoformat(),
            "ends_at": (later + timedelta(hours=2)).isoformat(),
        },
    )
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "published"


def test_moving_a_published_event_into_the_past_is_refused_and_changes_nothing():
    event = EventFactory()
    before = event.starts_at
    past = timezone.now() - timedelta(days=2)
    response = patch(
        event,
        {
            "title": "Moved",
            "starts_at": past.isoformat(),
            "ends_at": (past + timedelta(hours=2)).isoformat(),
        },
    )
    assert (response.status_code, response.json()["code"]) == (400, "event_in_past")
    event.refresh_from_db()
    assert (event.title, event.starts_at) != ("Moved", past)
    assert event.starts_at == before  # all or nothing: the title did not change either


def test_reschedule_keeps_an_explicit_check_in_opening_and_null_resets_it():
    event = EventFactory()
    opens = event.starts_at - timedelta(hours=5)
    services.event_reschedule(event_id=event.id, checkin_opens_at=opens)
    event.refresh_from_db()
    assert event.checkin_opens_at == opens
    response = patch(event, {"checkin_opens_at": None})
    assert response.status_code == 200
    event.refresh_from_db()
    assert event.checkin_opens_at == event.starts_at - timedelta(hours=2)


def test_unpublish_only_while_nothing_is_sold():
    event = EventFactory()
    services.event_unpublish(event_id=event.id)
    event.refresh_from_db()
    assert event.status == EventStatus.DRAFT
    services.event_publish(event_id=event.id)
    book(UserFactory(), event)
    with pytest.raises(errors.EventHasSales):
        services.event_unpublish(event_id=event.id)
