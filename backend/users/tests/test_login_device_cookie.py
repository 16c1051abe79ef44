"""OWASP's device cookies: a browser that signed in to an account before keeps signing in to
it whatever strangers do, on the same venue Wi-Fi included; the strangers stay limited."""

import pytest
from django.core import signing
from django.test import override_settings
from rest_framework.test import APIClient

from users.tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
URL = "/api/auth/login/"
VENUE_WIFI = "192.0.2.10"
DEVICE = "qe_device"


def login(client, email, password, address=VENUE_WIFI):
    return client.post(URL, {"email": email, "password": password}, REMOTE_ADDR=address)


def known_device(user) -> APIClient:
    """A browser that signed in to `user` before (elsewhere), so it holds a device cookie."""
    client = APIClient()
    assert login(client, user.email, PASSWORD, address="198.51.100.7").status_code == 200
    return client


def test_a_successful_sign_in_gives_a_signed_httponly_device_cookie(attendee):
    response = login(APIClient(), attendee.email, PASSWORD)
    cookie = response.cookies[DEVICE]
    assert cookie["httponly"] and cookie["samesite"] == "Strict"
    assert cookie["path"] == "/api/auth/"
    assert int(cookie["max-age"]) == 365 * 24 * 3600
    assert signing.loads(cookie.value, salt="users.device-cookie")["nonce"]
    assert login(APIClient(), attendee.email, "wrong").cookies.get(DEVICE) is None


def test_five_failures_by_a_stranger_on_the_same_wifi_do_not_lock_out_a_known_device(organizer):
    phone = known_device(organizer)
    stranger = APIClient()
    answers = [login(stranger, organizer.email, "guess").status_code for _ in range(8)]
    assert answers == [401] * 5 + [429] * 3
    # The organizer's phone joins the venue Wi-Fi and signs in; the stranger stays stopped.
    assert login(phone, organizer.email, PASSWORD).status_code == 200
    assert login(stranger, organizer.email, PASSWORD).status_code == 429


def test_failures_for_unknown_addresses_flooding_the_wifi_do_not_lock_out_known_devices():
    people = UserFactory.create_batch(3)
    phones = [known_device(person) for person in people]
    stranger = APIClient()
    for n in range(31):  # more than the old per-address limit
        assert login(stranger, f"guess{n}@example.test", "nope").status_code == 401
    for person, phone in zip(people, phones, strict=True):
        assert login(phone, person.email, PASSWORD).status_code == 200


@override_settings(LOGIN_FAILURES_PER_ADDRESS=10)
def test_past_the_address_limit_strangers_get_429_and_known_devices_still_sign_in():
    person = UserFactory()
    phone = known_device(person)
    stranger = APIClient()
    for n in range(10):
        login(stranger, f"guess{n}@example.test", "nope")
    assert login(stranger, person.email, PASSWORD).status_code == 429
    assert login(APIClient(), person.email, PASSWORD).status_code == 429  # a new browser
    assert login(phone, person.email, PASSWORD).status_code == 200


@override_settings(LOGIN_FAILURES_PER_DEVICE=3)
def test_a_known_device_has_its_own_limit_that_does_not_touch_the_address(attendee):
    phone = known_device(attendee)
    answers = [login(phone, attendee.email, "typo").status_code for _ in range(5)]
    assert answers == [401] * 3 + [429] * 2
    # Its failures counted on the device only: a new browser from the same Wi-Fi is fine.
    assert login(APIClient(), attendee.email, PASSWORD).status_code == 200


def test_a_device_cookie_counts_only_for_its_own_account():
    mine, victim = UserFactory(), UserFactory()
    browser = known_device(mine)  # the stranger's own cookie, for their own account
    answers = [login(browser, victim.email, "guess").status_code for _ in range(7)]
    assert answers == [401] * 5 + [429] * 2


def test_a_forged_device_cookie_is_an_untrusted_attempt(attendee):
    stranger = APIClient()
    stranger.cookies[DEVICE] = signing.dumps(
        {"account": "x", "nonce": "forged"}, salt="users.device-cookie", key="not-our-secret"
    )
    answers = [login(stranger, attendee.email, "guess").status_code for _ in range(7)]
    assert answers == [401] * 5 + [429] * 2


@override_settings(LOGIN_UNTRUSTED_FAILURES_PER_ACCOUNT=10)
def test_guessing_from_many_addresses_stops_untrusted_attempts_only(organizer):
    phone = known_device(organizer)
    for n in range(5):  # three guesses from each of five addresses: under 5 per address
        for _ in range(3):
            login(APIClient(), organizer.email, "guess", address=f"203.0.113.{n}")
    assert login(APIClient(), organizer.email, PASSWORD, address="203.0.113.99").status_code == 429
    assert login(phone, organizer.email, PASSWORD).status_code == 200


@override_settings(LOGIN_UNTRUSTED_FAILURES_PER_ACCOUNT=3)
def test_a_password_reset_makes_the_browser_a_known_device(attendee, sent_mail):
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    for n in range(3):
        login(APIClient(), attendee.email, "guess", address=f"203.0.113.{n}")
    new_phone = APIClient()
    assert login(new_phone, attendee.email, PASSWORD).status_code == 429
    body = {
        "uid": urlsafe_base64_encode(force_bytes(attendee.pk)),
        "token": default_token_generator.make_token(attendee),
        "new_password": "a-brand-new-pass-phrase",
    }
    response = new_phone.post("/api/auth/password-reset/confirm/", body)
    assert response.status_code == 204
    assert response.cookies[DEVICE]["httponly"]
    assert login(new_phone, attendee.email, "a-brand-new-pass-phrase").status_code == 200
