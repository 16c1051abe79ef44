"""Forgotten passwords: a reset e-mail for any address (without telling whether it has an
account), a link made by Django's token generator, and a new password that ends every other
session."""

import re
from datetime import datetime, timedelta
from urllib.parse import parse_qs, urlparse

import pytest
from django.contrib.auth.tokens import PasswordResetTokenGenerator, default_token_generator
from django.test import override_settings
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from users.tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
REQUEST = "/api/auth/password-reset/"
CONFIRM = "/api/auth/password-reset/confirm/"
NEW = "a-brand-new-pass-phrase"


def reset_link(message) -> dict[str, str]:
    [url] = re.findall(r"https?://\S+", message.body)
    parsed = urlparse(url)
    assert parsed.path == "/reset-password"
    return {key: values[0] for key, values in parse_qs(parsed.query).items()}


def sign_in(client, email, password):
    return client.post("/api/auth/login/", {"email": email, "password": password})


def test_any_address_gets_the_same_202_and_only_accounts_get_mail(api_client, attendee, sent_mail):
    known = api_client.post(REQUEST, {"email": attendee.email.upper()})
    unknown = api_client.post(REQUEST, {"email": "nobody@example.test"})
    assert known.status_code == unknown.status_code == 202
    assert known.content == unknown.content
    [message] = sent_mail()
    assert message.to == [attendee.email]
    link = reset_link(message)
    assert set(link) == {"uid", "token"}


def test_the_link_sets_a_new_password_once(api_client, attendee, sent_mail):
    api_client.post(REQUEST, {"email": attendee.email})
    link = reset_link(sent_mail()[0])
    response = api_client.post(CONFIRM, {**link, "new_password": NEW})
    assert response.status_code == 204
    assert sign_in(api_client, attendee.email, PASSWORD).status_code == 401
    assert sign_in(api_client, attendee.email, NEW).status_code == 200
    # Used once, the link is dead (the token depends on the password it reset).
    reused = api_client.post(CONFIRM, {**link, "new_password": "yet-another-pass-phrase"})
    assert reused.status_code == 400
    assert reused.json()["code"] == "invalid_token"
    assert sign_in(api_client, attendee.email, NEW).status_code == 200


def test_the_reset_ends_every_other_session(api_client, attendee):
    session = sign_in(api_client, attendee.email, PASSWORD).json()
    api_client.cookies.clear()
    attendee.refresh_from_db()  # signed in: the token generator reads last_login
    uid = urlsafe_base64_encode(force_bytes(attendee.pk))
    token = default_token_generator.make_token(attendee)
    assert (
        api_client.post(CONFIRM, {"uid": uid, "token": token, "new_password": NEW}).status_code
        == 204
    )
    refreshed = api_client.post("/api/auth/refresh/", {"refresh": session["refresh"]})
    assert refreshed.status_code == 401
    api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {session['access']}")
    me = api_client.get("/api/auth/me/")
    assert me.status_code == 401


class _Yesterday(PasswordResetTokenGenerator):
    def _now(self):
        return datetime.now() - timedelta(days=1)


@override_settings(PASSWORD_RESET_TIMEOUT=3600)
def test_an_expired_link_is_refused(api_client, attendee):
    uid = urlsafe_base64_encode(force_bytes(attendee.pk))
    token = _Yesterday().make_token(attendee)
    response = api_client.post(CONFIRM, {"uid": uid, "token": token, "new_password": NEW})
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_token"
    assert sign_in(api_client, attendee.email, PASSWORD).status_code == 200


@pytest.mark.parametrize(
    "uid, token",
    [
        ("MQ", "forged-token"),
        ("not-base64!", "x"),
        ("OTk5OTk5", "abc-def"),  # no such user
        ("OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5", "abc-def"),  # beyond any id
        ("", ""),
    ],
)
def test_forged_links_are_refused(api_client, attendee, uid, token):
    response = api_client.post(CONFIRM, {"uid": uid, "token": token, "new_password": NEW})
    assert response.status_code == 400
    assert response.json()["code"] in ("invalid_token", "validation_error")
    assert sign_in(api_client, attendee.email, PASSWORD).status_code == 200


def test_a_token_for_one_user_does_not_reset_another(api_client, attendee):
    other = UserFactory()
    uid = urlsafe_base64_encode(force_bytes(other.pk))
    token = default_token_generator.make_token(attendee)
    response = api_client.post(CONFIRM, {"uid": uid, "token": token, "new_password": NEW})
    assert response.json()["code"] == "invalid_token"


def test_the_new_password_must_pass_the_validators(api_client, attendee):
    uid = urlsafe_base64_encode(force_bytes(attendee.pk))
    token = default_token_generator.make_token(attendee)
    response = api_client.post(CONFIRM, {"uid": uid, "token": token, "new_password": "123"})
    assert response.status_code == 400
    assert response.json()["code"] == "validation_error"
    assert "new_password" in response.json()["fields"]
    # Nothing changed, and the link still works.
    response = api_client.post(CONFIRM, {"uid": uid, "token": token, "new_password": NEW})
    assert response.status_code == 204


@override_settings(PASSWORD_RESETS_PER_EMAIL=3, PASSWORD_RESETS_PER_ADDRESS=100)
def test_requests_are_limited_per_email_known_or_not(api_client, attendee, sent_mail):
    for email in (attendee.email, "nobody@example.test"):
        answers = [
            api_client.post(REQUEST, {"email": email}, REMOTE_ADDR=f"10.0.0.{n}").status_code
            for n in range(5)
        ]
        assert answers == [202, 202, 202, 429, 429]
    assert len(sent_mail()) == 3


@override_settings(PASSWORD_RESETS_PER_EMAIL=100, PASSWORD_RESETS_PER_ADDRESS=4)
def test_requests_are_limited_per_address_and_a_forged_header_does_not_help(api_client):
    answers = [
        api_client.post(
            REQUEST,
            {"email": f"someone{n}@example.test"},
            REMOTE_ADDR="203.0.113.9",
            HTTP_X_FORWARDED_FOR=f"10.9.{n}.1",
        ).status_code
        for n in range(6)
    ]
    assert answers == [202] * 4 + [429] * 2
    other = api_client.post(REQUEST, {"email": "x@example.test"}, REMOTE_ADDR="198.51.100.7")
    assert other.status_code == 202


def test_a_bad_request_changes_nothing(api_client, sent_mail):
    response = api_client.post(REQUEST, {"email": "not an address"})
    assert response.status_code == 400
    assert response.json()["code"] == "validation_error"
    assert not sent_mail()
