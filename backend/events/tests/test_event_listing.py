from datetime import timedelta

import pytest
from django.utils import timezone

from conftest import client_for
from events.models import EventStatus
from events.tests.factories import EventFactory

pytestmark = pytest.mark.django_db


def test_public_list_shows_published_not_ended_events_soonest_first(api_client):
    now = timezone.now()
    later = EventFactory(starts_at=now + timedelta(days=9))
    sooner = EventFactory(starts_at=now + timedelta(days=1))
    live = EventFactory(starts_at=now - timedelta(hours=1), ends_at=now + timedelta(hours=2))
    EventFactory(starts_at=now - timedelta(days=2), ends_at=now - timedelta(days=1))  # ended
    EventFactory(status=EventStatus.DRAFT)
    EventFactory(status=EventStatus.CANCELLED)

    response = api_client.get("/api/events/")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 3
    assert [e["id"] for e in body["results"]] == [live.id, sooner.id, later.id]
    first = body["results"][0]
    assert first["tickets_available"] == live.capacity
    assert first["organizer"] == {"id": live.organizer.id, "name": live.organizer.name}
    assert first["price"] == "0.00"
    assert [t["name"] for t in first["ticket_types"]] == ["General admission"]
    assert first["starts_at"].endswith("Z") or "+" in first["starts_at"]


def test_page_size_is_capped(api_client):
    EventFactory.create_batch(3)
    response = api_client.get("/api/events/?page_size=100000")
    assert response.status_code == 200
    assert response.json()["count"] == 3


def test_bad_page_is_404_in_the_error_body(api_client):
    response = api_client.get("/api/events/?page=99")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_search(api_client):
    EventFactory(title="Jazz Night")
    EventFactory(title="Tech Talk", venue="Jazz Club")
    EventFactory(title="Opera")
    response = api_client.get("/api/events/?search=jazz")
    assert response.json()["count"] == 2


def test_mine_lists_only_the_organizers_own_events_in_any_status(organizer):
    own_draft = EventFactory(organizer=organizer, status=EventStatus.DRAFT)
    own = EventFactory(organizer=organizer)
    EventFactory()  # someone else's
    response = client_for(organizer).get("/api/events/?mine=true")
    assert response.status_code == 200
    assert {e["id"] for e in response.json()["results"]} == {own_draft.id, own.id}


def test_mine_needs_an_organizer(api_client, attendee_client):
    assert api_client.get("/api/events/?mine=true").status_code == 401
    assert attendee_client.get("/api/events/?mine=true").status_code == 403


def test_draft_detail_is_hidden_from_others_but_shown_to_its_organizer(api_client, attendee_client):
    draft = EventFactory(status=EventStatus.DRAFT)
    assert api_client.get(f"/api/events/{draft.id}/").status_code == 404
    assert attendee_client.get(f"/api/events/{draft.id}/").status_code == 404
    other_organizer = client_for(EventFactory().organizer)
    assert other_organizer.get(f"/api/events/{draft.id}/").status_code == 404
    assert client_for(draft.organizer).get(f"/api/events/{draft.id}/").status_code == 200


def test_admin_sees_everything(admin_user):
    draft = EventFactory(status=EventStatus.DRAFT)
    client = client_for(admin_user)
    assert client.get(f"/api/events/{draft.id}/").status_code == 200
    assert client.get("/api/events/?mine=true").json()["count"] == 1


def test_filters_by_date_range_and_category(api_client):
    now = timezone.now()
    soon = EventFactory(starts_at=now + timedelta(days=2), category="music")
    EventFactory(starts_at=now + timedelta(days=20), category="music")
    EventFactory(starts_at=now + timedelta(days=3), category="tech")
    after = (now + timedelta(days=1)).isoformat()
    before = (now + timedelta(days=10)).isoformat()
    response = api_client.get(
        "/api/events/", {"starts_after": after, "starts_before": before, "category": "MUSIC"}
    )
    assert [e["id"] for e in response.json()["results"]] == [soon.id]


def test_bad_filter_values_are_400(api_client):
    response = api_client.get("/api/events/", {"starts_after": "next tuesday"})
    assert response.status_code == 400
    assert "starts_after" in response.json()["fields"]


def test_ordering(api_client):
    cheap = EventFactory(price="5.00")
    dear = EventFactory(price="50.00")
    response = api_client.get("/api/events/", {"ordering": "-price"})
    assert [e["id"] for e in response.json()["results"]] == [dear.id, cheap.id]
    # An unknown ordering field is ignored rather than leaking other columns.
    assert api_client.get("/api/events/", {"ordering": "organizer__password"}).status_code == 200


def test_categories_are_the_managed_list(api_client):
    categories = api_client.get("/api/events/categories/").json()
    values = [category["value"] for category in categories]
    assert values[:2] == ["music", "festival"] and "other" in values
    assert {"value": "food", "label": "Food & drink"} in categories


def test_listing_query_count_is_constant_whatever_the_page_size(
    api_client, django_assert_num_queries
):
    EventFactory.create_batch(3)
    # count + one page with its organizers + its types + the holds of its events (sales)
    with django_assert_num_queries(4):
        api_client.get("/api/events/?page_size=3")
    EventFactory.create_batch(40)
    with django_assert_num_queries(4):
        body = api_client.get("/api/events/?page_size=40").json()
    assert len(body["results"]) == 40
