"""Who gets what on every events endpoint (the one access rule: see common/tests/access.py)."""

import pytest

from common.tests.access import build_world, call, expect, matrix_cases

pytestmark = pytest.mark.django_db

MANAGERS = {"organizer": 200, "admin": 200}
NEW_EVENT = {
    "title": "Matrix night",
    "venue": "Hall",
    "starts_at": "2099-01-01T20:00:00Z",
    "ends_at": "2099-01-01T23:00:00Z",
    "capacity": 10,
}

ENDPOINTS = [
    ("GET", "/api/events/", None, expect(rest=200)),
    ("GET", "/api/events/{event}/ticket-types/", None, expect(rest=200)),
    (
        "GET",
        "/api/events/{draft}/ticket-types/",
        None,
        expect(organizer=200, admin=200, door_staff=200, rest=404),
    ),
    (
        "POST",
        "/api/events/{event}/ticket-types/",
        {"name": "VIP", "price": "50.00", "quota": 5},
        expect(anonymous=401, organizer=201, admin=201, rest=403),
    ),
    (
        "PATCH",
        "/api/events/{event}/ticket-types/{ticket_type}/",
        {"description": "Standing"},
        expect(anonymous=401, **MANAGERS, rest=403),
    ),
    # The type has sales (the world's bookings): never deleted, even by its organizer.
    (
        "DELETE",
        "/api/events/{event}/ticket-types/{ticket_type}/",
        None,
        expect(anonymous=401, organizer=409, admin=409, rest=403),
    ),
    (
        "GET",
        "/api/events/?mine=true",
        None,
        expect(anonymous=401, organizer=200, other_organizer=200, admin=200, rest=403),
    ),
    ("GET", "/api/events/?door=true", None, expect(anonymous=401, rest=200)),
    (
        "POST",
        "/api/events/",
        NEW_EVENT,
        expect(anonymous=401, organizer=201, other_organizer=201, admin=201, rest=403),
    ),
    ("GET", "/api/events/{event}/", None, expect(rest=200)),
    (
        "GET",
        "/api/events/{draft}/",
        None,
        expect(organizer=200, admin=200, door_staff=200, rest=404),
    ),
    (
        "PATCH",
        "/api/events/{event}/",
        {"title": "Renamed"},
        expect(anonymous=401, **MANAGERS, rest=403),
    ),
    (
        "PATCH",
        "/api/events/{draft}/",
        {"title": "Renamed"},
        expect(anonymous=401, **MANAGERS, door_staff=403, rest=404),
    ),
    (
        "DELETE",
        "/api/events/{draft}/",
        None,
        expect(anonymous=401, organizer=204, admin=204, door_staff=403, rest=404),
    ),
    # Transitions: the world's event has sales (unpublish refused), the draft none.
    (
        "POST",
        "/api/events/{draft}/publish/",
        None,
        expect(anonymous=401, **MANAGERS, door_staff=403, rest=404),
    ),
    (
        "POST",
        "/api/events/{event}/unpublish/",
        None,
        expect(anonymous=401, organizer=409, admin=409, rest=403),
    ),
    (
        "POST",
        "/api/events/{event}/cancel/",
        {"reason": "Storm"},
        expect(anonymous=401, **MANAGERS, rest=403),
    ),
    (
        "POST",
        "/api/events/{draft}/cancel/",
        None,
        expect(anonymous=401, **MANAGERS, door_staff=403, rest=404),
    ),
    ("GET", "/api/events/{event}/staff/", None, expect(anonymous=401, **MANAGERS, rest=403)),
    (
        "GET",
        "/api/events/{draft}/staff/",
        None,
        expect(anonymous=401, **MANAGERS, door_staff=403, rest=404),
    ),
    (
        "POST",
        "/api/events/{event}/staff/",
        {"email": "nobody@example.test"},
        expect(anonymous=401, organizer=201, admin=201, rest=403),
    ),
    (
        "DELETE",
        "/api/events/{event}/staff/{staff_entry}/",
        None,
        expect(anonymous=401, organizer=204, admin=204, rest=403),
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
    # The journeys: past events, categories, calendar, duplicate, image, messages.
    ("GET", "/api/events/?when=past", None, expect(rest=200)),
    ("GET", "/api/events/categories/", None, expect(rest=200)),
    ("GET", "/api/events/{event}/calendar.ics", None, expect(rest=200)),
    (
        "GET",
        "/api/events/{draft}/calendar.ics",
        None,
        expect(organizer=200, admin=200, door_staff=200, rest=404),
    ),
    (
        "POST",
        "/api/events/{event}/duplicate/",
        None,
        expect(anonymous=401, organizer=201, admin=201, rest=403),
    ),
    (
        "POST",
        "/api/events/{draft}/duplicate/",
        None,
        expect(anonymous=401, organizer=201, admin=201, door_staff=403, rest=404),
    ),
    (
        "DELETE",
        "/api/events/{event}/image/",
        None,
        expect(anonymous=401, **MANAGERS, rest=403),
    ),
    (
        "DELETE",
        "/api/events/{draft}/image/",
        None,
        expect(anonymous=401, **MANAGERS, door_staff=403, rest=404),
    ),
    ("GET", "/api/events/{event}/messages/", None, expect(anonymous=401, **MANAGERS, rest=403)),
    (
        "POST",
        "/api/events/{event}/messages/",
        {"subject": "Doors open at 7", "body": "See you there."},
        expect(anonymous=401, organizer=202, admin=202, rest=403),
    ),
    (
        "POST",
        "/api/events/{draft}/messages/",
        {"subject": "Doors open at 7", "body": "See you there."},
        expect(anonymous=401, organizer=409, admin=409, door_staff=403, rest=404),
    ),
]


@pytest.mark.parametrize(("method", "path", "body", "actor", "status"), matrix_cases(ENDPOINTS))
def test_permission_matrix(method, path, body, actor, status):
    world = build_world()
    response = call(world, actor, method, path, body)
    assert response.status_code == status, response.content
    if status >= 400:
        assert response.json()["code"]
