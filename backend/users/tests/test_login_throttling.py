"""Failed sign-ins are throttled per account and per address; correct ones never are."""

import pytest
from django.test import override_settings

from users.tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
URL = "/api/auth/login/"


def login(client, email, password, address="10.0.0.1"):
    return client.post(URL, {"email": email, "password": password}, REMOTE_ADDR=address)


@override_settings(LOGIN_FAILURES_PER_ACCOUNT=5)
def test_repeated_failures_for_one_account_get_429_even_with_the_right_password(
    api_client, attendee
):
    for _ in range(5):
        assert login(api_client, attendee.email, "wrong-password").status_code == 401
    # Different addresses do not help an attacker spread guesses over one account.
    response = login(api_client, attendee.email, PASSWORD, address="10.9.9.9")
    assert response.status_code == 429
    body = response.json()
    assert body["code"] == "throttled"
    assert "Try again in" in body["detail"]
    assert int(response["Retry-After"]) > 0


@override_settings(LOGIN_FAILURES_PER_ACCOUNT=5)
def test_the_lock_applies_to_that_account_only(api_client, attendee):
    other = UserFactory()
    for _ in range(5):
        login(api_client, attendee.email, "wrong-password", address="10.0.0.1")
    assert login(api_client, other.email, PASSWORD, address="10.0.0.2").status_code == 200


@override_settings(LOGIN_FAILURES_PER_ADDRESS=10, LOGIN_FAILURES_PER_ACCOUNT=100)
def test_a_flood_of_failures_from_one_address_gets_429(api_client, attendee):
    for n in range(10):
        login(api_client, f"guess{n}@example.test", "wrong-password")
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
def test_a_correct_sign_in_clears_the_accounts_failures(api_client, attendee):
    for _ in range(4):
        login(api_client, attendee.email, "wrong-password")
    assert login(api_client, attendee.email, PASSWORD).status_code == 200
    for _ in range(4):
        assert login(api_client, attendee.email, "wrong-password").status_code == 401
    assert login(api_client, attendee.email, PASSWORD).status_code == 200
