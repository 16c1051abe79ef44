"""Who gets what on the account endpoints (the one access rule: see common/tests/access.py)."""

import pytest

from common.tests.access import build_world, call, expect, matrix_cases

pytestmark = pytest.mark.django_db

ENDPOINTS = [
    ("GET", "/api/auth/me/", None, expect(anonymous=401, rest=200)),
    # Sign-in and refresh need no token: with a wrong password or no session, all alike.
    (
        "POST",
        "/api/auth/login/",
        {"email": "nobody@example.test", "password": "wrong"},
        expect(rest=401),
    ),
    ("POST", "/api/auth/refresh/", {}, expect(rest=401)),
]


@pytest.mark.parametrize(("method", "path", "body", "actor", "status"), matrix_cases(ENDPOINTS))
def test_permission_matrix(method, path, body, actor, status):
    world = build_world()
    response = call(world, actor, method, path, body)
    assert response.status_code == status, response.content
    if status >= 400:
        assert response.json()["code"]
