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
    ("PATCH", "/api/auth/me/", {"name": "A New Name"}, expect(anonymous=401, rest=200)),
    ("POST", "/api/auth/logout-all/", None, expect(anonymous=401, rest=204)),
    (
        "POST",
        "/api/auth/change-password/",
        {"current_password": "wrong", "new_password": "a-new-pass-phrase"},
        expect(anonymous=401, rest=400),
    ),
    # Open to anyone, and the same for everyone: no enumeration.
    ("POST", "/api/auth/password-reset/", {"email": "nobody@example.test"}, expect(rest=202)),
    (
        "POST",
        "/api/auth/password-reset/confirm/",
        {"uid": "MQ", "token": "forged", "new_password": "a-new-pass-phrase"},
        expect(rest=400),
    ),
    ("POST", "/api/auth/verify-email/", {"key": "forged"}, expect(rest=400)),
    ("POST", "/api/auth/verify-email/resend/", None, expect(anonymous=401, rest=202)),
    # Signing up is open to anyone (an address in use answers like a bad form).
    (
        "POST",
        "/api/auth/register/",
        {"email": "new-person@example.test", "password": "a-good-pass-phrase", "name": "New"},
        expect(rest=201),
    ),
    # Signing out needs the refresh token, not an access token: none given, for anybody.
    ("POST", "/api/auth/logout/", {}, expect(rest=400)),
]


@pytest.mark.parametrize(("method", "path", "body", "actor", "status"), matrix_cases(ENDPOINTS))
def test_permission_matrix(method, path, body, actor, status):
    world = build_world()
    response = call(world, actor, method, path, body)
    assert response.status_code == status, response.content
    if status >= 400:
        assert response.json()["code"]
