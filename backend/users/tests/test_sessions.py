"""Sessions end when they should: a new password and "sign out everywhere" end every session
(refresh tokens blacklisted, older access tokens refused), and a refresh token used again
after rotation revokes its whole chain."""

import pytest
from django.conf import settings
from django.test import override_settings
from rest_framework.test import APIClient

from common.tests.concurrency import race
from users.tests.factories import PASSWORD

pytestmark = pytest.mark.django_db
COOKIE = settings.AUTH_REFRESH_COOKIE["name"]
NEW = "a-brand-new-pass-phrase"


def sign_in(user, password=PASSWORD) -> dict:
    response = APIClient().post("/api/auth/login/", {"email": user.email, "password": password})
    assert response.status_code == 200, response.content
    return response.json()


def refresh(token: str):
    return APIClient().post("/api/auth/refresh/", {"refresh": token})


def as_bearer(access: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {access}")
    return client


def test_change_password_ends_every_session_and_keeps_the_caller_signed_in(attendee):
    laptop, phone = sign_in(attendee), sign_in(attendee)
    client = as_bearer(phone["access"])
    response = client.post(
        "/api/auth/change-password/", {"current_password": PASSWORD, "new_password": NEW}
    )
    assert response.status_code == 204
    # Both sessions are over, access and refresh alike...
    for session in (laptop, phone):
        assert refresh(session["refresh"]).status_code == 401
        me = as_bearer(session["access"]).get("/api/auth/me/")
        assert me.status_code == 401
        assert me.json()["code"] == "password_changed"
    # ...but the browser that changed it got a fresh refresh cookie and carries on.
    fresh = response.cookies[COOKIE].value
    assert refresh(fresh).status_code == 200
    assert sign_in(attendee, NEW)


def test_a_wrong_current_password_is_refused_and_changes_nothing(attendee_client, attendee):
    response = attendee_client.post(
        "/api/auth/change-password/", {"current_password": "not-it", "new_password": NEW}
    )
    assert response.status_code == 400
    assert response.json()["code"] == "wrong_password"
    assert "current_password" in response.json()["fields"]
    assert sign_in(attendee)


@override_settings(LOGIN_FAILURES_PER_ACCOUNT=3)
def test_guessing_the_current_password_is_throttled_like_sign_in(attendee_client, attendee):
    answers = [
        attendee_client.post(
            "/api/auth/change-password/", {"current_password": "guess", "new_password": NEW}
        ).status_code
        for _ in range(5)
    ]
    assert answers == [400, 400, 400, 429, 429]


def test_the_new_password_must_pass_the_validators(attendee_client, attendee):
    response = attendee_client.post(
        "/api/auth/change-password/", {"current_password": PASSWORD, "new_password": "password"}
    )
    assert response.status_code == 400
    assert response.json()["code"] == "validation_error"
    assert "new_password" in response.json()["fields"]
    assert sign_in(attendee)


def test_change_password_needs_a_signed_in_user(api_client):
    response = api_client.post(
        "/api/auth/change-password/", {"current_password": PASSWORD, "new_password": NEW}
    )
    assert response.status_code == 401


def test_sign_out_everywhere_blacklists_every_refresh_token(attendee):
    sessions = [sign_in(attendee) for _ in range(3)]
    client = as_bearer(sessions[0]["access"])
    response = client.post("/api/auth/logout-all/")
    assert response.status_code == 204
    assert response.cookies[COOKIE].value == ""
    for session in sessions:
        assert refresh(session["refresh"]).status_code == 401
    # Signing in again works as ever.
    assert refresh(sign_in(attendee)["refresh"]).status_code == 200


def test_reusing_a_rotated_refresh_token_revokes_the_whole_chain(attendee):
    first = sign_in(attendee)["refresh"]
    second = refresh(first).json()["refresh"]
    third = refresh(second).json()["refresh"]
    # The stolen `first` comes back: refused, and the thief's (or victim's) newest is dead too.
    reused = refresh(first)
    assert reused.status_code == 401
    assert reused.json()["code"] == "token_not_valid"
    assert refresh(third).status_code == 401
    # Only that chain: another sign-in of the same person is untouched.
    other = sign_in(attendee)["refresh"]
    assert refresh(other).status_code == 200


def test_a_forged_or_expired_refresh_token_revokes_nothing(attendee):
    token = sign_in(attendee)["refresh"]
    head, payload, signature = token.split(".")
    forged = f"{head}.{payload}.{signature[::-1]}"
    assert refresh(forged).status_code == 401
    assert refresh(token).status_code == 200


@pytest.mark.mysql
@pytest.mark.django_db(transaction=True)
def test_one_refresh_token_used_twice_at_once_rotates_once_and_revokes_the_chain(attendee):
    token = sign_in(attendee)["refresh"]
    answers = race([lambda: refresh(token), lambda: refresh(token)])
    statuses = sorted(answer.status_code for answer in answers)
    assert statuses == [200, 401]
    [winner] = [answer for answer in answers if answer.status_code == 200]
    # The second use counts as reuse: the token the first one got is revoked too.
    assert refresh(winner.json()["refresh"]).status_code == 401


def test_refresh_without_body_or_cookie_is_401_not_authenticated(api_client):
    """The SPA may ask on an anonymous page: it is told there is no session, never 400."""
    for body in (None, {}):
        response = api_client.post("/api/auth/refresh/", body, format="json")
        assert response.status_code == 401
        assert response.json()["code"] == "not_authenticated"
    response = api_client.post("/api/auth/refresh/", "", content_type="application/json")
    assert (response.status_code, response.json()["code"]) == (401, "not_authenticated")
