"""Who gets what on every events endpoint (the one access rule: see common/tests/access.py)."""

import pytest

from common.tests.access import Multipart, build_world, call, expect, matrix_cases

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
    ("GET", "/api/events/{event}/questions/", None, expect(rest=200)),
    (
        "GET",
        "/api/events/{draft}/questions/",
        None,
        expect(organizer=200, admin=200, door_staff=200, rest=404),
    ),
    (
        "POST",
        "/api/events/{event}/questions/",
        {"label": "Company", "kind": "text"},
        expect(anonymous=401, organizer=201, admin=201, rest=403),
    ),
    (
        "PATCH",
        "/api/events/{event}/questions/{question}/",
        {"required": True},
        expect(anonymous=401, **MANAGERS, rest=403),
    ),
    (
        "DELETE",
        "/api/events/{event}/questions/{question}/",
        None,
        expect(anonymous=401, organizer=204, admin=204, rest=403),
    ),
    ("GET", "/api/events/", None, expect(rest=200)),
    # Codes: their organizer only; the public sees what a code does through ?code=.
    ("GET", "/api/events/{event}/?code=matrix", None, expect(rest=200)),
    (
        "GET",
        "/api/events/{draft}/?code=matrix",
        None,
        expect(organizer=400, admin=400, door_staff=400, rest=404),
    ),
    (
        "GET",
        "/api/events/{event}/codes/",
        None,
        expect(anonymous=401, **MANAGERS, rest=403),
    ),
    (
        "GET",
        "/api/events/{draft}/codes/",
        None,
        expect(anonymous=401, **MANAGERS, door_staff=403, rest=404),
    ),
    (
        "POST",
        "/api/events/{event}/codes/",
        {"code": "SPRING", "kind": "discount", "percent_off": "20"},
        expect(anonymous=401, organizer=201, admin=201, rest=403),
    ),
    (
        "PATCH",
        "/api/events/{event}/codes/{code}/",
        {"max_uses": 3},
        expect(anonymous=401, **MANAGERS, rest=403),
    ),
    (
        "DELETE",
        "/api/events/{event}/codes/{code}/",
        None,
        expect(anonymous=401, organizer=204, admin=204, rest=403),
    ),
    (
        "DELETE",
        "/api/events/{other_event}/codes/{code}/",
        None,
        expect(
            anonymous=401,
            organizer=403,
            admin=404,
            other_organizer=404,
            other_door_staff=403,
            rest=403,
        ),
    ),
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
    # The journeys: past events, categories, calendar, duplicate, image.
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
    # An upload without a file: refused as a bad form, once the caller may upload at all.
    (
        "POST",
        "/api/events/{event}/image/",
        Multipart(title="no file"),
        expect(anonymous=401, organizer=400, admin=400, rest=403),
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
    # Door staff invitations: read and accepted by the holder of the e-mailed link.
    ("POST", "/api/auth/invitations/", {"token": "forged"}, expect(rest=400)),
    ("POST", "/api/auth/invitations/accept/", {"token": "forged"}, expect(rest=400)),
]


@pytest.mark.parametrize(("method", "path", "body", "actor", "status"), matrix_cases(ENDPOINTS))
def test_permission_matrix(method, path, body, actor, status):
    world = build_world()
    response = call(world, actor, method, path, body)
    assert response.status_code == status, response.content
    if status >= 400:
        assert response.json()["code"]
