"""Django's admin sign-in is limited like the API's: wrong passwords count per (account,
address) and per address, and beyond the limit the password is not even checked."""

import pytest
from django.test import Client, override_settings

from users.tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
URL = "/django-admin/login/"


def sign_in(client, email, password, address="203.0.113.9"):
    return client.post(URL, {"username": email, "password": password}, REMOTE_ADDR=address)


@override_settings(LOGIN_FAILURES_PER_ACCOUNT=5)
def test_guessing_an_admin_password_is_stopped_after_five_failures():
    admin = UserFactory(is_staff=True, is_superuser=True)
    stranger = Client()
    answers = [sign_in(stranger, admin.email, f"guess-{n}").status_code for n in range(5)]
    assert answers == [200] * 5  # the form again, with its error
    stopped = sign_in(stranger, admin.email, PASSWORD)
    assert stopped.status_code == 429
    assert int(stopped["Retry-After"]) > 0
    # The admin, from elsewhere, signs in.
    assert sign_in(Client(), admin.email, PASSWORD, address="198.51.100.7").status_code == 302


@override_settings(LOGIN_FAILURES_PER_ACCOUNT=5)
def test_admin_sign_ins_that_succeed_do_not_count():
    admin = UserFactory(is_staff=True, is_superuser=True)
    for _ in range(8):
        assert sign_in(Client(), admin.email, PASSWORD).status_code == 302


def test_the_admin_sign_in_page_is_served_by_default_locally():
    assert Client().get(URL).status_code == 200
