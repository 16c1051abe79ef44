import pytest

from attendance.tests.helpers import code_of, live_event, tickets_for
from conftest import client_for
from events.tests.factories import staff_accepted
from users.models import Role
from users.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def scan(client, event, code, gate="Main"):
    return client.post("/api/attendance/validate/", {"code": code, "event": event.id, "gate": gate})


def test_scan_log_newest_first_paginated_with_people(django_assert_max_num_queries):
    event = live_event()
    client = client_for(event.organizer)
    tickets = tickets_for(event, 3, holder=UserFactory(name="Hana"))
    for ticket in tickets:
        scan(client, event, code_of(ticket))
    scan(client, event, "junk")
    with django_assert_max_num_queries(4):  # user, door check, count, one page with its people
        body = client.get(f"/api/attendance/?event={event.id}&page_size=2").json()
    assert body["count"] == 4
    assert body["results"][0]["reason"] == "fake"
    assert body["results"][1]["ticket"]["holder_name"] == "Hana"
    assert body["results"][1]["scanner"]["name"] == event.organizer.name
    assert body["next"]


def test_scan_log_filters():
    event = live_event()
    client = client_for(event.organizer)
    [ticket] = tickets_for(event)
    for _ in range(3):
        scan(client, event, code_of(ticket))
    assert client.get(f"/api/attendance/?event={event.id}&result=accepted").json()["count"] == 1
    shared = client.get(f"/api/attendance/?event={event.id}&suspected_sharing=true").json()
    assert shared["count"] == 1


def test_scan_log_is_for_the_door_only():
    event = live_event()
    staff = UserFactory()
    staff_accepted(event, staff)
    assert client_for(staff).get(f"/api/attendance/?event={event.id}").status_code == 200
    for outsider in (UserFactory(), UserFactory(role=Role.ORGANIZER)):
        assert client_for(outsider).get(f"/api/attendance/?event={event.id}").status_code == 403
    assert client_for(staff).get("/api/attendance/?event=abc").status_code == 400


def test_organizer_undoes_a_mistaken_check_in_and_the_ticket_can_be_admitted_again():
    event = live_event()
    organizer = client_for(event.organizer)
    [ticket] = tickets_for(event)
    scan(organizer, event, code_of(ticket))
    response = organizer.post("/api/attendance/undo/", {"event": event.id, "ticket": ticket.id})
    assert response.status_code == 200
    body = response.json()
    assert body["scan"]["result"] == "undone"
    assert body["scan"]["scanner"]["id"] == event.organizer.id
    assert body["counters"]["checked_in"] == 0
    again = organizer.post("/api/attendance/undo/", {"event": event.id, "ticket": ticket.id})
    assert again.status_code == 409 and again.json()["code"] == "not_checked_in"
    assert scan(organizer, event, code_of(ticket)).json()["status"] == "accepted"


def test_staff_and_others_cannot_undo():
    event = live_event()
    staff = UserFactory()
    staff_accepted(event, staff)
    [ticket] = tickets_for(event)
    scan(client_for(staff), event, code_of(ticket))
    for user in (staff, UserFactory(role=Role.ORGANIZER), ticket.booking.user):
        response = client_for(user).post(
            "/api/attendance/undo/", {"event": event.id, "ticket": ticket.id}
        )
        assert response.status_code == 403
    ticket.refresh_from_db()
    assert ticket.checked_in_at is not None


def test_door_event_list():
    event = live_event()
    staff = UserFactory()
    staff_accepted(event, staff)
    live_event()  # someone else's
    listed = client_for(staff).get("/api/events/?door=true").json()
    assert [e["id"] for e in listed["results"]] == [event.id]
    assert client_for(UserFactory()).get("/api/events/?door=true").json()["count"] == 0


def test_undo_after_the_event_was_cancelled_is_a_coded_conflict():
    # The cancellation zeroed the event's counters: an undo must not push them below zero.
    event = live_event()
    organizer = client_for(event.organizer)
    [ticket] = tickets_for(event)
    assert scan(organizer, event, code_of(ticket)).json()["status"] == "accepted"
    cancelled = organizer.post(f"/api/events/{event.id}/cancel/", {"reason": "Storm"})
    assert cancelled.status_code == 200
    response = organizer.post("/api/attendance/undo/", {"event": event.id, "ticket": ticket.id})
    assert response.status_code == 409
    assert response.json()["code"] == "event_cancelled"
    ticket.refresh_from_db()
    assert ticket.checked_in_at is not None  # nothing changed
