import pytest
from django.conf import settings
from rest_framework_simplejwt.tokens import AccessToken

from users.tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
URL = "/api/auth/login/"
COOKIE = settings.AUTH_REFRESH_COOKIE["name"]


def test_login_returns_tokens_user_and_sets_httponly_strict_cookie(api_client, attendee):
    response = api_client.post(URL, {"email": attendee.email, "password": PASSWORD})
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"access", "refresh", "user"}
    assert body["user"] == {
        "id": attendee.id,
        "email": attendee.email,
        "name": attendee.name,
        "role": "attendee",
        "email_verified": False,
    }
    cookie = response.cookies[COOKIE]
    assert cookie.value == body["refresh"]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Strict"
    assert cookie["path"] == "/api/auth/"
    assert AccessToken(body["access"])["user_id"] in (attendee.id, str(attendee.id))


def test_access_token_lives_at_most_15_minutes(api_client, attendee):
    body = api_client.post(URL, {"email": attendee.email, "password": PASSWORD}).json()
    token = AccessToken(body["access"])
    assert token["exp"] - token["iat"] <= 15 * 60


def test_login_is_case_insensitive_on_email(api_client, attendee):
    response = api_client.post(URL, {"email": attendee.email.upper(), "password": PASSWORD})
    assert response.status_code == 200


@pytest.mark.parametrize("known_email", [True, False])
def test_wrong_credentials_are_401_invalid_credentials(api_client, attendee, known_email):
    email = attendee.email if known_email else "nobody@example.test"
    credentials = {"email": email, "password": "wrong-password"}
    response = api_client.post(URL, credentials)
    assert response.status_code == 401
    assert response.json() == {
        "code": "invalid_credentials",
        "detail": "E-mail or password is wrong.",
    }
    assert COOKIE not in response.cookies


def test_inactive_user_cannot_sign_in(api_client):
    user = UserFactory(is_active=False)
    response = api_client.post(URL, {"email": user.email, "password": PASSWORD})
    assert response.status_code == 401


@pytest.mark.parametrize(
    "body",
    [{}, {"email": "a@b.test"}, {"email": ["x"], "password": {"a": 1}}, {"password": "x" * 5000}],
)
def test_malformed_login_is_400(api_client, body):
    response = api_client.post(URL, body, format="json")
    assert response.status_code == 400
    assert response.json()["code"] == "validation_error"
