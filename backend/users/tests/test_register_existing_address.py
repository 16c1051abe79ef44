"""Registering an address that has an account answers exactly as a new sign-up does and
e-mails the address's owner instead (enumeration prevention as django-allauth does it); the
account is untouched."""

import pytest
from django.test import override_settings

from users.models import Role, User
from users.tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
URL = "/api/auth/register/"


def sign_up(client, email, **overrides):
    body = {"email": email, "password": "a-long-pass-phrase", "name": "Jane Doe", **overrides}
    return client.post(URL, body, format="json")


def test_a_taken_address_gets_the_same_answer_as_a_new_one(api_client, sent_mail):
    owner = UserFactory(email="owner@example.test", name="Olga Owner")
    taken = sign_up(api_client, "Owner@Example.test")
    new = sign_up(api_client, "newcomer@example.test")
    assert taken.status_code == new.status_code == 201
    assert set(taken.json()) == set(new.json())
    assert taken.json() == {**new.json(), "email": "owner@example.test"}
    # Nothing changed for the owner: same name, same password.
    owner.refresh_from_db()
    assert owner.name == "Olga Owner" and owner.check_password(PASSWORD)
    assert User.objects.filter(email="owner@example.test").count() == 1
    # The owner hears of it; the newcomer gets the usual verification e-mail.
    mails = {mail.to[0]: mail for mail in sent_mail()}
    assert "already have a QR-Entry account" in mails["owner@example.test"].subject
    assert "/forgot-password" in mails["owner@example.test"].body
    assert "/login" in mails["owner@example.test"].body
    assert "Confirm your e-mail" in mails["newcomer@example.test"].subject


def test_sign_ups_with_a_taken_address_cannot_flood_its_owner(sent_mail):
    from rest_framework.test import APIClient

    UserFactory(email="owner@example.test")
    for n in range(6):  # from six addresses: the per-address sign-up limit does not apply
        client = APIClient(REMOTE_ADDR=f"203.0.113.{n}")
        assert sign_up(client, "owner@example.test").status_code == 201
    assert [mail.to for mail in sent_mail()] == [["owner@example.test"]] * 3


def test_a_taken_address_with_a_weak_password_is_refused_like_a_new_one(api_client):
    UserFactory(email="owner@example.test")
    for email in ("owner@example.test", "newcomer@example.test"):
        response = sign_up(api_client, email, password="short1")
        assert response.status_code == 400
        assert list(response.json()["fields"]) == ["password"]


@override_settings(ORGANIZER_SIGNUP="closed")
def test_closed_organizer_sign_up_refuses_organizers_alike_for_taken_and_new(api_client):
    UserFactory(email="owner@example.test")
    for email in ("owner@example.test", "newcomer@example.test"):
        response = sign_up(api_client, email, role="organizer")
        assert response.status_code == 403
        assert response.json()["code"] == "organizer_signup_closed"
    assert not User.objects.filter(role=Role.ORGANIZER).exists()
    # Attendees still sign up.
    assert sign_up(api_client, "newcomer@example.test").status_code == 201


def test_organizer_sign_up_is_open_by_default(api_client):
    response = sign_up(api_client, "organizer@example.test", role="organizer")
    assert response.status_code == 201
    assert User.objects.get(email="organizer@example.test").role == Role.ORGANIZER
