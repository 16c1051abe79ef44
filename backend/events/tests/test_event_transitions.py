"""Publishing, unpublishing and cancelling are endpoints of their own (v3); a PATCH may still
publish or unpublish (v1 clients) but never cancel, since cancelling refunds everyone."""

from datetime import timedelta

import pytest
from django.utils import timezone

from bookings.tests.helpers import book
from conftest import client_for
from events.models import Event, EventStatus
from events.tests.factories import EventFactory, staff_accepted
from users.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def post(event, action, body=None):
    return client_for(event.organizer).post(
        f"/api/events/{event.id}/{action}/", body or {}, format="json"
    )


def test_publish_and_unpublish_endpoints_move_a_draft_and_back():
    event = EventFactory(status=EventStatus.DRAFT)
    published = post(event, "publish")
    assert (published.status_code, published.json()["status"]) == (200, "published")
    assert published.json()["phase"] == "on_sale"
    drafted = post(event, "unpublish")
    assert (drafted.status_code, drafted.json()["status"]) == (200, "draft")
    assert Event.objects.get(id=event.id).status == EventStatus.DRAFT


def test_publishing_an_event_that_started_is_refused_and_changes_nothing():
    starts = timezone.now() - timedelta(hours=1)
    event = EventFactory(status=EventStatus.DRAFT, starts_at=starts, ends_at=starts + timedelta(1))
    response = post(event, "publish")
    assert (response.status_code, response.json()["code"]) == (400, "event_in_past")
    assert Event.objects.get(id=event.id).status == EventStatus.DRAFT


def test_an_event_with_sales_cannot_be_unpublished():
    event = EventFactory()
    book(UserFactory(), event, 1)
    response = post(event, "unpublish")
    assert (response.status_code, response.json()["code"]) == (409, "event_has_sales")
    assert Event.objects.get(id=event.id).status == EventStatus.PUBLISHED


def test_patch_cannot_cancel_and_changes_nothing():
    event = EventFactory()
    book(UserFactory(), event, 1)
    response = client_for(event.organizer).patch(
        f"/api/events/{event.id}/", {"status": "cancelled", "title": "Gone"}, format="json"
    )
    assert (response.status_code, response.json()["code"]) == (400, "use_cancel_endpoint")
    event.refresh_from_db()
    assert (event.status, event.title, event.tickets_sold) == (
        EventStatus.PUBLISHED,
        event.title,
        1,
    )
    assert event.title != "Gone"


def test_patch_still_publishes_for_v1_clients():
    event = EventFactory(status=EventStatus.DRAFT)
    response = client_for(event.organizer).patch(
        f"/api/events/{event.id}/", {"status": "published"}, format="json"
    )
    assert (response.status_code, response.json()["status"]) == (200, "published")


def test_the_answer_says_what_the_viewer_may_do():
    event = EventFactory()
    staff, stranger = UserFactory(), UserFactory()
    staff_accepted(event, staff)
    url = f"/api/events/{event.id}/"

    def rights(client):
        body = client.get(url).json()
        return body["can_manage"], body["can_scan"]

    assert rights(client_for(event.organizer)) == (True, True)
    assert rights(client_for(staff)) == (False, True)
    assert rights(client_for(stranger)) == (False, False)
    assert rights(client_for(UserFactory(role="admin"))) == (True, True)
    from rest_framework.test import APIClient

    assert rights(APIClient()) == (False, False)


def test_lists_say_what_the_viewer_may_do_without_a_query_per_event(django_assert_max_num_queries):
    organizer, staff = UserFactory(role="organizer"), UserFactory()
    mine = EventFactory(organizer=organizer)
    scanned = EventFactory()
    staff_accepted(scanned, staff)
    for _ in range(5):
        EventFactory()
    client = client_for(staff)
    with django_assert_max_num_queries(6):
        listed = {e["id"]: e for e in client.get("/api/events/").json()["results"]}
    assert (listed[scanned.id]["can_manage"], listed[scanned.id]["can_scan"]) == (False, True)
    assert (listed[mine.id]["can_manage"], listed[mine.id]["can_scan"]) == (False, False)
    own = client_for(organizer).get("/api/events/?mine=true").json()["results"]
    assert [(e["id"], e["can_manage"]) for e in own] == [(mine.id, True)]
    door = client.get("/api/events/?door=true").json()["results"]
    assert [(e["id"], e["can_scan"]) for e in door] == [(scanned.id, True)]
