"""Who gets what on every analytics endpoint (the one access rule: see
common/tests/access.py). An event's numbers and attendees are its managers' alone."""

import pytest

from common.tests.access import build_world, call, expect, matrix_cases

pytestmark = pytest.mark.django_db

MANAGERS = {"organizer": 200, "admin": 200}
ORGANIZERS_ONLY = {
    "attendee": 403,
    "other_attendee": 403,
    "door_staff": 403,
    "other_door_staff": 403,
    "anonymous": 401,
}

ENDPOINTS = [
    ("GET", "/api/admin/analytics/", None, expect(**ORGANIZERS_ONLY, rest=200)),
    (
        "GET",
        "/api/admin/analytics/?event={event}",
        None,
        expect(**ORGANIZERS_ONLY, **MANAGERS, other_organizer=403),
    ),
    (
        "GET",
        "/api/admin/analytics/?event={draft}",
        None,
        expect(**ORGANIZERS_ONLY, **MANAGERS, other_organizer=404),
    ),
    (
        "GET",
        "/api/admin/events/{event}/attendees/",
        None,
        expect(**ORGANIZERS_ONLY, **MANAGERS, other_organizer=403),
    ),
    (
        "GET",
        "/api/admin/events/{draft}/attendees/",
        None,
        expect(**ORGANIZERS_ONLY, **MANAGERS, other_organizer=404),
    ),
    (
        "GET",
        "/api/admin/events/{event}/attendees.csv",
        None,
        expect(**ORGANIZERS_ONLY, **MANAGERS, other_organizer=403),
    ),
    (
        "GET",
        "/api/admin/events/{draft}/attendees.csv",
        None,
        expect(**ORGANIZERS_ONLY, **MANAGERS, other_organizer=404),
    ),
]


@pytest.mark.parametrize(("method", "path", "body", "actor", "status"), matrix_cases(ENDPOINTS))
def test_permission_matrix(method, path, body, actor, status):
    world = build_world()
    response = call(world, actor, method, path, body)
    assert response.status_code == status, response.content
    if status >= 400:
        assert response.json()["code"]
