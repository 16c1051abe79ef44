"""Who gets what on every attendance endpoint (the one access rule: see
common/tests/access.py). The door is the organizer's, its door staff's and admins'."""

import pytest

from attendance.services import ticket_scan
from common.tests.access import build_world, call, expect, matrix_cases

pytestmark = pytest.mark.django_db

DOOR = {"organizer": 200, "door_staff": 200, "admin": 200}
SCAN = {"code": "QE1-NOT-A-REAL-CODE", "gate": "main"}

MANAGERS = {"organizer": 200, "admin": 200}
LISTS = "/api/events/{event}/checkin-lists/"

ENDPOINTS = [
    (
        "POST",
        "/api/attendance/validate/",
        {**SCAN, "event": "{event}"},
        expect(anonymous=401, **DOOR, rest=403),
    ),
    (
        "POST",
        "/api/attendance/validate/",
        {**SCAN, "event": "{draft}"},
        expect(anonymous=401, **DOOR, rest=404),
    ),
    ("GET", "/api/attendance/?event={event}", None, expect(anonymous=401, **DOOR, rest=403)),
    ("GET", "/api/attendance/?event={draft}", None, expect(anonymous=401, **DOOR, rest=404)),
    (
        "POST",
        "/api/attendance/undo/",
        {"event": "{event}", "ticket": "{ticket}"},
        expect(anonymous=401, organizer=200, admin=200, rest=403),
    ),
    (
        "POST",
        "/api/attendance/undo/",
        {"event": "{draft}", "ticket": "{ticket}"},
        # managers pass the access check; the ticket is not of this event
        expect(anonymous=401, organizer=409, admin=409, door_staff=403, rest=404),
    ),
    (
        "POST",
        "/api/attendance/validate/",
        {"ticket": "{ticket}", "event": "{event}", "gate": "main"},
        expect(anonymous=401, **DOOR, rest=403),
    ),
    (
        "GET",
        "/api/attendance/search/?event={event}&q=person",
        None,
        expect(anonymous=401, **DOOR, rest=403),
    ),
    (
        "GET",
        "/api/attendance/search/?event={draft}&q=person",
        None,
        expect(anonymous=401, **DOOR, rest=404),
    ),
    (
        "POST",
        "/api/attendance/sync/",
        {"event": "{event}", "device_id": "phone-1", "scans": []},
        expect(anonymous=401, **DOOR, rest=403),
    ),
    (
        "POST",
        "/api/attendance/sync/",
        {"event": "{draft}", "device_id": "phone-1", "scans": []},
        expect(anonymous=401, **DOOR, rest=404),
    ),
    # The door kit: names and backup codes of every ticket, for the door only.
    (
        "GET",
        "/api/events/{event}/door-kit/",
        None,
        expect(anonymous=401, **MANAGERS, door_staff=200, rest=403),
    ),
    (
        "GET",
        "/api/events/{draft}/door-kit/",
        None,
        expect(anonymous=401, **MANAGERS, door_staff=200, rest=404),
    ),
    # Check-in lists: door staff read them to pick one; the organizer changes them.
    ("GET", LISTS, None, expect(anonymous=401, **DOOR, rest=403)),
    (
        "GET",
        "/api/events/{draft}/checkin-lists/",
        None,
        expect(anonymous=401, **DOOR, rest=404),
    ),
    (
        "POST",
        LISTS,
        {"name": "VIP lounge", "ticket_types": []},
        expect(anonymous=401, organizer=201, admin=201, rest=403),
    ),
    (
        "POST",
        "/api/events/{draft}/checkin-lists/",
        {"name": "VIP lounge"},
        expect(anonymous=401, organizer=201, admin=201, door_staff=403, rest=404),
    ),
    (
        "PATCH",
        LISTS + "{entry_list}/",
        {"name": "Doors"},
        expect(anonymous=401, organizer=200, admin=200, rest=403),
    ),
    (
        "DELETE",
        LISTS + "{entry_list}/",
        None,
        # managers pass the access check; Entry itself cannot go
        expect(anonymous=401, organizer=409, admin=409, rest=403),
    ),
]


@pytest.mark.parametrize(("method", "path", "body", "actor", "status"), matrix_cases(ENDPOINTS))
def test_permission_matrix(method, path, body, actor, status):
    world = build_world()
    from bookings.ticket_codes import ticket_code_for

    code = ticket_code_for(event_id=world.event.id, ticket_id=world.ticket.id)
    ticket_scan(scanner=world.users["organizer"], event=world.event, code=code, gate="main")
    response = call(world, actor, method, path, body)
    assert response.status_code == status, response.content
    if status >= 400:
        assert response.json()["code"]
