"""Failed sign-ins are throttled per (account, address) and per address, or per device for a
browser that signed in to that account before (OWASP's device cookies); correct ones never
are; nobody can lock someone else out, from elsewhere or from the same Wi-Fi, and nobody gets
around the limits by forging X-Forwarded-For or a device cookie."""

import pytest
from django.conf import settings
from django.test import override_settings
from rest_framework.test import APIClient

from common.tests.concurrency import race
from users.tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
URL = "/api/auth/login/"


def login(client, email, password, address="10.0.0.1", **headers):
    return client.post(URL, {"email": email, "password": password}, REMOTE_ADDR=address, **headers)


@override_settings(LOGIN_FAILURES_PER_ACCOUNT=5)
def test_a_stranger_failing_on_an_account_does_not_lock_its_owner_out(organizer):
    stranger, owner = APIClient(), APIClient()
    answers = [
        login(stranger, organizer.email, "guess", address="203.0.113.9").status_code
        for _ in range(20)
    ]
    assert answers == [401] * 5 + [429] * 15
    # The stranger is stopped...
    stopped = login(stranger, organizer.email, PASSWORD, address="203.0.113.9")
    assert stopped.status_code == 429
    assert stopped.json()["code"] == "throttled"
    assert "Try again in" in stopped.json()["detail"]
    assert int(stopped["Retry-After"]) > 0
    # ...while the organizer, from the venue, signs in with the right password, and the
    # stranger keeps failing.
    assert login(owner, organizer.email, PASSWORD, address="198.51.100.7").status_code == 200
    assert login(stranger, organizer.email, "guess", address="203.0.113.9").status_code == 429
    assert login(owner, organizer.email, PASSWORD, address="198.51.100.7").status_code == 200


@override_settings(LOGIN_FAILURES_PER_ACCOUNT=5)
def test_five_failures_from_one_address_stop_that_address_for_that_account(api_client, attendee):
    for _ in range(5):
        assert login(api_client, attendee.email, "wrong-password").status_code == 401
    assert login(api_client, attendee.email, PASSWORD).status_code == 429
    # Only that pair: another account from the same address (another browser) is fine.
    other = UserFactory()
    assert login(APIClient(), other.email, PASSWORD).status_code == 200


@override_settings(LOGIN_FAILURES_PER_ACCOUNT=5)
def test_a_forged_x_forwarded_for_does_not_buy_more_guesses(attendee):
    # NUM_PROXIES is 0 by default: the header is the client's to write, so it is ignored.
    assert settings.REST_FRAMEWORK["NUM_PROXIES"] == 0
    client = APIClient()
    answers = [
        login(
            client,
            attendee.email,
            "wrong-password",
            address="203.0.113.9",
            HTTP_X_FORWARDED_FOR=f"10.1.{n}.{n}",
        ).status_code
        for n in range(12)
    ]
    assert answers == [401] * 5 + [429] * 7
    # The owner elsewhere is not affected by the header games either.
    assert login(client, attendee.email, PASSWORD, address="198.51.100.7").status_code == 200


@override_settings(
    LOGIN_FAILURES_PER_ACCOUNT=5, REST_FRAMEWORK={**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}
)
def test_behind_one_proxy_the_address_comes_from_x_forwarded_for(attendee):
    client = APIClient()
    for _ in range(5):
        login(client, attendee.email, "nope", address="127.0.0.1", HTTP_X_FORWARDED_FOR="192.0.2.1")
    via_proxy = {"address": "127.0.0.1"}
    assert (
        login(client, attendee.email, PASSWORD, HTTP_X_FORWARDED_FOR="192.0.2.1", **via_proxy)
    ).status_code == 429
    assert (
        login(client, attendee.email, PASSWORD, HTTP_X_FORWARDED_FOR="192.0.2.2", **via_proxy)
    ).status_code == 200


@override_settings(LOGIN_FAILURES_PER_ADDRESS=10, LOGIN_FAILURES_PER_ACCOUNT=100)
def test_a_flood_of_failures_from_one_address_gets_429(api_client, attendee):
    for n in range(10):
        assert login(api_client, f"guess{n}@example.test", "wrong-password").status_code == 401
    response = login(api_client, attendee.email, PASSWORD)
    assert response.status_code == 429
    # Another address is unaffected.
    assert login(api_client, attendee.email, PASSWORD, address="10.0.0.2").status_code == 200


@override_settings(LOGIN_FAILURES_PER_ADDRESS=10, LOGIN_FAILURES_PER_ACCOUNT=5)
def test_many_people_signing_in_correctly_from_one_venue_wifi_are_not_blocked(api_client):
    people = UserFactory.create_batch(60)
    for person in people:
        assert login(api_client, person.email, PASSWORD, address="192.0.2.10").status_code == 200


@override_settings(LOGIN_FAILURES_PER_ACCOUNT=5)
def test_a_correct_sign_in_clears_the_failures_from_that_address(api_client, attendee):
    for _ in range(4):
        login(api_client, attendee.email, "wrong-password")
    assert login(api_client, attendee.email, PASSWORD).status_code == 200
    for _ in range(4):
        assert login(api_client, attendee.email, "wrong-password").status_code == 401
    assert login(api_client, attendee.email, PASSWORD).status_code == 200


@pytest.mark.mysql
@pytest.mark.django_db(transaction=True)
@override_settings(LOGIN_FAILURES_PER_ACCOUNT=5, LOGIN_FAILURES_PER_ADDRESS=1000)
def test_parallel_wrong_guesses_get_no_more_password_checks_than_the_limit():
    victim = UserFactory()
    # A 401 means the password was checked; a 429 means it was not.
    answers = race(
        [
            lambda: login(APIClient(), victim.email, "wrong-password", address="203.0.113.9")
            for _ in range(20)
        ]
    )
    statuses = sorted(response.status_code for response in answers)
    assert statuses == [401] * 5 + [429] * 15
