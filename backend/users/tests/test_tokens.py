"""Refresh rotation, blacklisting, logout and expiry of access tokens."""

from datetime import timedelta

import pytest
from django.conf import settings
from rest_framework.test import APIClient
from rest_framework_simplejwt.tokens import AccessToken, RefreshToken

from users.tests.factories import PASSWORD

pytestmark = pytest.mark.django_db
COOKIE = settings.AUTH_REFRESH_COOKIE["name"]


def sign_in(client: APIClient, user) -> dict:
    response = client.post("/api/auth/login/", {"email": user.email, "password": PASSWORD})
    assert response.status_code == 200
    return response.json()


def test_refresh_from_body_rotates_and_blacklists_the_old_token(api_client, attendee):
    old = sign_in(api_client, attendee)["refresh"]
    api_client.cookies.clear()
    response = api_client.post("/api/auth/refresh/", {"refresh": old})
    assert response.status_code == 200
    body = response.json()
    assert body["refresh"] != old
    AccessToken(body["access"])  # valid
    # The rotated one works once, and is rotated in turn.
    again = api_client.post("/api/auth/refresh/", {"refresh": body["refresh"]})
    assert again.status_code == 200
    assert again.json()["refresh"] != body["refresh"]


def test_refresh_from_cookie_keeps_the_token_out_of_the_body(api_client, attendee):
    first_cookie = sign_in(api_client, attendee)["refresh"]
    response = api_client.post("/api/auth/refresh/", {})
    assert response.status_code == 200
    assert set(response.json()) == {"access"}
    rotated = response.cookies[COOKIE].value
    assert rotated and rotated != first_cookie
    assert response.cookies[COOKIE]["httponly"] is True
    # The browser now holds the rotated cookie; refreshing again works.
    assert api_client.post("/api/auth/refresh/", {}).status_code == 200


def test_refresh_without_any_token_is_401_not_authenticated(api_client):
    # No body and no cookie: nobody is signed in here, which is not a malformed request.
    response = api_client.post("/api/auth/refresh/", {})
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


@pytest.mark.parametrize("token", ["garbage", "a.b.c", "x" * 2048])
def test_refresh_with_a_forged_token_is_401_and_drops_the_cookie(api_client, token):
    api_client.cookies[COOKIE] = token
    response = api_client.post("/api/auth/refresh/", {})
    assert response.status_code == 401
    assert response.json()["code"] == "token_not_valid"
    assert response.cookies[COOKIE].value == ""


def test_expired_refresh_token_is_refused(api_client, attendee):
    token = RefreshToken.for_user(attendee)
    token.set_exp(lifetime=-timedelta(seconds=1))
    response = api_client.post("/api/auth/refresh/", {"refresh": str(token)})
    assert response.status_code == 401


def test_an_access_token_is_not_a_refresh_token(api_client, attendee):
    access = sign_in(api_client, attendee)["access"]
    assert api_client.post("/api/auth/refresh/", {"refresh": access}).status_code == 401


def test_expired_access_token_is_401_token_not_valid(api_client, attendee):
    token = AccessToken.for_user(attendee)
    token.set_exp(lifetime=-timedelta(seconds=1))
    api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    response = api_client.get("/api/auth/me/")
    assert response.status_code == 401
    assert response.json()["code"] == "token_not_valid"
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_deactivated_user_cannot_refresh(api_client, attendee):
    refresh = sign_in(api_client, attendee)["refresh"]
    attendee.is_active = False
    attendee.save()
    assert api_client.post("/api/auth/refresh/", {"refresh": refresh}).status_code == 401


def test_logout_blacklists_the_refresh_token_and_clears_the_cookie(api_client, attendee):
    refresh = sign_in(api_client, attendee)["refresh"]
    response = api_client.post("/api/auth/logout/", {})
    assert response.status_code == 204
    assert response.cookies[COOKIE].value == ""
    assert api_client.post("/api/auth/refresh/", {"refresh": refresh}).status_code == 401


def test_logout_with_body_token(api_client, attendee):
    refresh = sign_in(api_client, attendee)["refresh"]
    api_client.cookies.clear()
    assert api_client.post("/api/auth/logout/", {"refresh": refresh}).status_code == 204
    assert api_client.post("/api/auth/refresh/", {"refresh": refresh}).status_code == 401


def test_logout_twice_is_refused_the_second_time(api_client, attendee):
    refresh = sign_in(api_client, attendee)["refresh"]
    assert api_client.post("/api/auth/logout/", {"refresh": refresh}).status_code == 204
    second = api_client.post("/api/auth/logout/", {"refresh": refresh})
    assert second.status_code == 401
    assert second.json()["code"] == "token_not_valid"


def test_logout_without_token_is_400(api_client):
    assert api_client.post("/api/auth/logout/", {}).status_code == 400


def test_me_returns_the_current_user(attendee_client, attendee):
    response = attendee_client.get("/api/auth/me/")
    assert response.status_code == 200
    assert response.json() == {
        "id": attendee.id,
        "email": attendee.email,
        "name": attendee.name,
        "role": "attendee",
        "email_verified": False,
    }


def test_me_needs_a_token(api_client):
    response = api_client.get("/api/auth/me/")
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"
