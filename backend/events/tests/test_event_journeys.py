"""The organizer's and the buyer's journeys around an event, through the API: time zones and
phases, publishing only what is ahead, every form error at once, past events, the calendar
file, duplicating, the image, messages to ticket holders and what holders are told when their
event moves or is cancelled."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta
from unittest import mock

import pytest
from django.utils import timezone
from icalendar import Calendar
from PIL import Image

from bookings.tests.helpers import book
from conftest import client_for
from events.models import Event, EventStatus
from events.tests.factories import EventFactory, staff_accepted
from users.models import Role
from users.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def new_event(**overrides):
    starts = timezone.now() + timedelta(days=10)
    return {
        "title": "Harbour Lights",
        "venue": "Pier 3",
        "venue_address": "Am Kai 1, 20457 Hamburg",
        "timezone": "Europe/Berlin",
        "category": "music",
        "starts_at": starts.isoformat(),
        "ends_at": (starts + timedelta(hours=3)).isoformat(),
        "capacity": 50,
        **overrides,
    }


# --- time zones, phases, bounded dates, all errors at once ---------------------------------


def test_an_event_keeps_its_zone_and_address(organizer_client):
    response = organizer_client.post("/api/events/", new_event(), format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["timezone"] == "Europe/Berlin"
    assert body["venue_address"] == "Am Kai 1, 20457 Hamburg"
    assert body["phase"] == "draft"
    assert body["image"] is None


def test_a_time_without_offset_is_the_wall_clock_at_the_venue(organizer_client):
    payload = new_event(starts_at="2031-12-05T20:00:00", ends_at="2031-12-05T23:00:00")
    created = organizer_client.post("/api/events/", payload, format="json")
    assert created.status_code == 201, created.json()
    event = Event.objects.get(id=created.json()["id"])
    assert event.starts_at == datetime(2031, 12, 5, 19, 0, tzinfo=UTC)  # 20:00 CET
    moved = organizer_client.patch(
        f"/api/events/{event.id}/", {"starts_at": "2031-12-05T21:00:00"}, format="json"
    )
    assert moved.status_code == 200, moved.json()
    event.refresh_from_db()
    assert event.starts_at == datetime(2031, 12, 5, 20, 0, tzinfo=UTC)  # in its own zone
    # With an offset the time is exact, whatever the zone.
    organizer_client.patch(
        f"/api/events/{event.id}/", {"starts_at": "2031-12-05T21:00:00Z"}, format="json"
    )
    event.refresh_from_db()
    assert event.starts_at == datetime(2031, 12, 5, 21, 0, tzinfo=UTC)


def test_the_zone_defaults_to_the_servers(organizer_client, settings):
    body = organizer_client.post("/api/events/", new_event(timezone=None), format="json")
    assert body.status_code == 400  # null is not a zone
    payload = new_event()
    del payload["timezone"]
    assert organizer_client.post("/api/events/", payload, format="json").json()["timezone"] == (
        settings.TIME_ZONE
    )


@pytest.mark.parametrize("zone", ["Mars/Olympus", "", "../../etc/passwd", "x" * 65])
def test_an_unknown_zone_is_400_and_creates_nothing(organizer_client, zone):
    response = organizer_client.post("/api/events/", new_event(timezone=zone), format="json")
    assert response.status_code == 400
    assert "timezone" in response.json()["fields"]
    assert not Event.objects.exists()


def test_every_field_error_comes_in_one_answer(organizer_client):
    starts = timezone.now() + timedelta(days=3)
    response = organizer_client.post(
        "/api/events/",
        new_event(
            title="",
            capacity=0,
            timezone="Nowhere/Town",
            starts_at=starts.isoformat(),
            ends_at=(starts - timedelta(hours=1)).isoformat(),
        ),
        format="json",
    )
    assert response.status_code == 400
    assert set(response.json()["fields"]) >= {"title", "capacity", "timezone", "ends_at"}


def test_publishing_an_event_that_starts_in_the_past_is_event_in_past(organizer_client):
    past = timezone.now() - timedelta(hours=2)
    response = organizer_client.post(
        "/api/events/",
        new_event(
            starts_at=past.isoformat(),
            ends_at=(past + timedelta(hours=5)).isoformat(),
            status="published",
        ),
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["code"] == "event_in_past"
    draft = EventFactory(
        organizer=UserFactory(role=Role.ORGANIZER),
        status=EventStatus.DRAFT,
        starts_at=past,
        ends_at=past + timedelta(hours=5),
    )
    response = client_for(draft.organizer).patch(
        f"/api/events/{draft.id}/", {"status": "published"}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["code"] == "event_in_past"
    draft.refresh_from_db()
    assert draft.status == EventStatus.DRAFT


@pytest.mark.parametrize(
    "starts_at",
    ["0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "9999-12-31T23:59:59-14:00", "1999-12-31"],
)
def test_dates_out_of_bounds_are_400_never_500(organizer_client, starts_at):
    response = organizer_client.post("/api/events/", new_event(starts_at=starts_at), format="json")
    assert response.status_code == 400
    assert "starts_at" in response.json()["fields"]


def test_the_phase_follows_the_event(api_client):
    now = timezone.now()
    on_sale = EventFactory()
    sold_out = EventFactory(capacity=1)
    book(UserFactory(), sold_out, 1)
    live = EventFactory(
        starts_at=now - timedelta(minutes=10), checkin_opens_at=now - timedelta(hours=1)
    )
    ended = EventFactory(
        starts_at=now - timedelta(days=2), checkin_opens_at=now - timedelta(days=3)
    )
    cancelled = EventFactory(status=EventStatus.CANCELLED)
    phases = {
        event.id: api_client.get(f"/api/events/{event.id}/").json()["phase"]
        for event in (on_sale, sold_out, live, ended, cancelled)
    }
    assert phases == {
        on_sale.id: "on_sale",
        sold_out.id: "sold_out",
        live.id: "live",
        ended.id: "ended",
        cancelled.id: "cancelled",
    }


# --- past events -----------------------------------------------------------------------------


def test_past_events_are_listed_newest_first_and_upcoming_stays_the_default(api_client):
    now = timezone.now()
    older = EventFactory(
        starts_at=now - timedelta(days=9), checkin_opens_at=now - timedelta(days=10)
    )
    recent = EventFactory(
        starts_at=now - timedelta(days=2), checkin_opens_at=now - timedelta(days=3)
    )
    EventFactory(
        status=EventStatus.DRAFT,
        starts_at=now - timedelta(days=1),
        checkin_opens_at=now - timedelta(days=2),
    )
    upcoming = EventFactory()
    past = api_client.get("/api/events/", {"when": "past"}).json()["results"]
    assert [event["id"] for event in past] == [recent.id, older.id]
    assert all(event["phase"] == "ended" for event in past)
    default = api_client.get("/api/events/").json()["results"]
    assert [event["id"] for event in default] == [upcoming.id]
    assert api_client.get("/api/events/", {"when": "tomorrow"}).status_code == 400


# --- calendar ----------------------------------------------------------------------------


def test_the_calendar_file_is_one_event_in_its_own_zone(api_client):
    starts = datetime(2031, 12, 5, 19, 0, tzinfo=UTC)  # 20:00 in Berlin (CET)
    event = EventFactory(
        timezone="Europe/Berlin",
        starts_at=starts,
        ends_at=starts + timedelta(hours=3),
        checkin_opens_at=starts - timedelta(hours=2),
        venue="Pier 3",
        venue_address="Am Kai 1, Hamburg",
    )
    response = api_client.get(f"/api/events/{event.id}/calendar.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    [vevent] = calendar.walk("VEVENT")
    [vtimezone] = calendar.walk("VTIMEZONE")
    assert str(vtimezone["TZID"]) == "Europe/Berlin"
    start = vevent.decoded("DTSTART")
    assert (start.hour, start.minute) == (20, 0)
    assert vevent["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert start == starts
    assert str(vevent["LOCATION"]) == "Pier 3, Am Kai 1, Hamburg"
    assert str(vevent["SUMMARY"]) == event.title


def test_the_calendar_of_a_draft_is_404_for_strangers(api_client):
    draft = EventFactory(status=EventStatus.DRAFT)
    assert api_client.get(f"/api/events/{draft.id}/calendar.ics").status_code == 404
    owner = client_for(draft.organizer)
    assert owner.get(f"/api/events/{draft.id}/calendar.ics").status_code == 200


# --- duplicate -------------------------------------------------------------------------------


def test_duplicating_makes_a_draft_copy_with_nothing_sold(organizer):
    event = EventFactory(organizer=organizer, venue_address="Somewhere 1", timezone="Asia/Tokyo")
    book(UserFactory(), event, 2)
    staff_accepted(event, UserFactory())
    response = client_for(organizer).post(f"/api/events/{event.id}/duplicate/")
    assert response.status_code == 201
    copy = response.json()
    assert copy["id"] != event.id
    assert copy["status"] == "draft"
    assert copy["tickets_sold"] == 0
    assert copy["title"] == f"{event.title} (copy)"
    assert (copy["timezone"], copy["venue_address"]) == ("Asia/Tokyo", "Somewhere 1")
    assert not Event.objects.get(id=copy["id"]).staff_links.exists()


def test_a_copy_asks_the_same_questions_of_the_same_types(organizer):
    event = EventFactory(organizer=organizer, ticket_types=[{"name": "GA"}, {"name": "VIP"}])
    vip = event.ticket_types.get(name="VIP")
    client = client_for(organizer)
    asked = {"label": "Size", "kind": "choice", "options": ["S", "L"], "ticket_types": [vip.id]}
    assert (
        client.post(f"/api/events/{event.id}/questions/", asked, format="json").status_code == 201
    )
    copy = client.post(f"/api/events/{event.id}/duplicate/").json()
    [question] = client.get(f"/api/events/{copy['id']}/questions/").json()
    copy_vip = next(t for t in copy["ticket_types"] if t["name"] == "VIP")
    assert question["ticket_types"] == [{"id": copy_vip["id"], "name": "VIP"}]
    assert question["options"] == ["S", "L"]
    assert len(client.get(f"/api/events/{event.id}/questions/").json()) == 1


def test_only_the_organizer_duplicates(attendee_client):
    event = EventFactory()
    assert attendee_client.post(f"/api/events/{event.id}/duplicate/").status_code == 403
    other = client_for(UserFactory(role=Role.ORGANIZER))
    assert other.post(f"/api/events/{event.id}/duplicate/").status_code == 403
    assert Event.objects.count() == 1


# --- image -----------------------------------------------------------------------------------


def picture(kind: str = "PNG", size=(3000, 1500)) -> io.BytesIO:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 40, 90)).save(buffer, format=kind)
    buffer.seek(0)
    buffer.name = f"banner.{kind.lower()}"
    return buffer


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.mark.parametrize("kind", ["PNG", "JPEG", "WEBP"])
def test_an_image_is_re_encoded_resized_and_served_with_cache_headers(
    organizer, media_root, kind, client
):
    event = EventFactory(organizer=organizer)
    response = client_for(organizer).post(
        f"/api/events/{event.id}/image/", {"image": picture(kind)}, format="multipart"
    )
    assert response.status_code == 200, response.json()
    url = response.json()["image"]
    assert url.startswith("/media/events/") and url.endswith(".webp")
    served = client.get(url)
    assert served.status_code == 200
    assert "immutable" in served["Cache-Control"]
    image = Image.open(io.BytesIO(b"".join(served.streaming_content)))
    assert image.format == "WEBP"
    assert max(image.size) == 1600


def test_a_new_upload_gets_a_new_url_and_delete_removes_it(organizer, media_root):
    event = EventFactory(organizer=organizer)
    owner = client_for(organizer)
    first = owner.post(f"/api/events/{event.id}/image/", {"image": picture()}, format="multipart")
    second = owner.post(f"/api/events/{event.id}/image/", {"image": picture()}, format="multipart")
    assert first.json()["image"] != second.json()["image"]
    response = owner.delete(f"/api/events/{event.id}/image/")
    assert response.status_code == 200
    assert response.json()["image"] is None


def test_what_is_not_an_image_is_400_image_invalid(organizer, media_root):
    event = EventFactory(organizer=organizer)
    owner = client_for(organizer)
    fake = io.BytesIO(b"<script>alert(1)</script>" * 10)
    fake.name = "banner.png"
    response = owner.post(f"/api/events/{event.id}/image/", {"image": fake}, format="multipart")
    assert response.status_code == 400
    assert "image" in response.json()["fields"]
    gif = picture("GIF", size=(20, 20))
    response = owner.post(f"/api/events/{event.id}/image/", {"image": gif}, format="multipart")
    assert response.status_code == 400
    assert response.json()["code"] == "image_invalid"
    with mock.patch("events.images.MAX_UPLOAD_BYTES", 100):
        response = owner.post(
            f"/api/events/{event.id}/image/", {"image": picture()}, format="multipart"
        )
    assert response.json()["code"] == "image_invalid"
    event.refresh_from_db()
    assert not event.image
    assert not list(media_root.rglob("*.webp"))


def test_only_the_organizer_changes_the_image(attendee_client, media_root):
    event = EventFactory()
    response = attendee_client.post(
        f"/api/events/{event.id}/image/", {"image": picture()}, format="multipart"
    )
    assert response.status_code == 403


# --- messages and notices to ticket holders ----------------------------------------------------
