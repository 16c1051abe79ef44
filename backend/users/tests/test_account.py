"""The account page's API: edit the name, delete the account (personal data erased, future
bookings cancelled, records kept), and e-mail verification."""

import re
from datetime import timedelta
from urllib.parse import parse_qs, urlparse

import pytest
from django.core import signing
from django.test import override_settings
from django.utils import timezone

from bookings.models import Booking
from conftest import client_for
from events.models import EventStatus
from events.tests.factories import EventFactory
from users.models import Role, User
from users.notifications import VERIFICATION_SALT

pytestmark = pytest.mark.django_db


def test_patch_me_changes_the_name_only(attendee_client, attendee):
    response = attendee_client.patch(
        "/api/auth/me/", {"name": "  Ada Lovelace ", "email": "x@evil.test", "role": "admin"}
    )
    assert response.status_code == 200
    assert response.json()["name"] == "Ada Lovelace"
    attendee.refresh_from_db()
    assert (attendee.name, attendee.role) == ("Ada Lovelace", Role.ATTENDEE)
    assert attendee.email != "x@evil.test"


@pytest.mark.parametrize("body", [{}, {"name": ""}, {"name": "   "}, {"name": "x" * 151}])
def test_patch_me_refuses_a_bad_name(attendee_client, attendee, body):
    name = attendee.name
    response = attendee_client.patch("/api/auth/me/", body)
    assert response.status_code == 400
    assert response.json()["code"] == "validation_error"
    attendee.refresh_from_db()
    assert attendee.name == name


# E-mail verification ---------------------------------------------------------------------


def verification_key(message) -> str:
    [url] = re.findall(r"https?://\S+", message.body)
    parsed = urlparse(url)
    assert parsed.path == "/verify-email"
    return parse_qs(parsed.query)["key"][0]


def register(client, email="new@example.test", role="attendee"):
    body = {"email": email, "password": "a-long-pass-phrase", "name": "New Person", "role": role}
    response = client.post("/api/auth/register/", body)
    assert response.status_code == 201
    return response.json()


def test_sign_up_sends_a_verification_link_that_verifies(api_client, sent_mail):
    user = register(api_client)
    assert user["email_verified"] is False
    [message] = sent_mail()
    assert message.to == ["new@example.test"]
    response = api_client.post("/api/auth/verify-email/", {"key": verification_key(message)})
    assert response.status_code == 204
    assert User.objects.get(email=user["email"]).email_verified
    # Opening it again is harmless.
    again = api_client.post("/api/auth/verify-email/", {"key": verification_key(message)})
    assert again.status_code == 204


@pytest.mark.parametrize(
    "key",
    [
        "garbage",
        signing.dumps({"u": 1, "e": "x@example.test"}, salt="another-salt"),
        signing.dumps({"u": "1"}, salt=VERIFICATION_SALT),
    ],
)
def test_forged_verification_keys_are_refused(api_client, key):
    response = api_client.post("/api/auth/verify-email/", {"key": key})
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_token"


@override_settings(EMAIL_VERIFICATION_MAX_AGE=-1)
def test_an_expired_verification_key_is_refused(api_client, attendee):
    key = signing.dumps({"u": attendee.id, "e": attendee.email}, salt=VERIFICATION_SALT)
    response = api_client.post("/api/auth/verify-email/", {"key": key})
    assert response.json()["code"] == "invalid_token"
    attendee.refresh_from_db()
    assert not attendee.email_verified


def test_a_key_for_an_old_address_is_refused(api_client, attendee):
    key = signing.dumps({"u": attendee.id, "e": "old@example.test"}, salt=VERIFICATION_SALT)
    response = api_client.post("/api/auth/verify-email/", {"key": key})
    assert response.json()["code"] == "invalid_token"


@override_settings(VERIFICATION_RESENDS_PER_USER=2)
def test_resend_sends_again_and_is_throttled(attendee_client, attendee, sent_mail):
    answers = [attendee_client.post("/api/auth/verify-email/resend/").status_code for _ in range(3)]
    assert answers == [202, 202, 429]
    assert len(sent_mail()) == 2 and sent_mail()[0].to == [attendee.email]


def test_resend_for_a_verified_address_sends_nothing(attendee, sent_mail):
    attendee.email_verified = True
    attendee.save()
    assert client_for(attendee).post("/api/auth/verify-email/resend/").status_code == 202
    assert not sent_mail()


@override_settings(EMAIL_VERIFICATION="mandatory")
def test_mandatory_verification_blocks_booking_until_verified(api_client, attendee):
    event = EventFactory()
    client = client_for(attendee)
    refused = client.post("/api/book-ticket/", {"event": event.id, "quantity": 1})
    assert refused.status_code == 403
    assert refused.json()["code"] == "email_not_verified"
    assert not Booking.objects.exists()
    User.objects.filter(pk=attendee.pk).update(email_verified=True)
    booked = client.post("/api/book-ticket/", {"event": event.id, "quantity": 1})
    assert booked.status_code == 201


@override_settings(EMAIL_VERIFICATION="mandatory")
def test_mandatory_verification_blocks_publishing_until_verified(organizer):
    client = client_for(organizer)
    draft = EventFactory(organizer=organizer, status=EventStatus.DRAFT)
    refused = client.patch(f"/api/events/{draft.id}/", {"status": "published"})
    assert refused.status_code == 403
    assert refused.json()["code"] == "email_not_verified"
    draft.refresh_from_db()
    assert draft.status == EventStatus.DRAFT
    start = timezone.now() + timedelta(days=5)
    created = client.post(
        "/api/events/",
        {
            "title": "Gig",
            "venue": "Hall",
            "starts_at": start.isoformat(),
            "ends_at": (start + timedelta(hours=2)).isoformat(),
            "capacity": 10,
            "status": "published",
        },
    )
    assert created.status_code == 403
    assert created.json()["code"] == "email_not_verified"
    # A draft is fine, and once verified publishing works.
    User.objects.filter(pk=organizer.pk).update(email_verified=True)
    published = client.patch(f"/api/events/{draft.id}/", {"status": "published"})
    assert published.status_code == 200


def test_optional_verification_blocks_nothing(attendee):
    event = EventFactory()
    response = client_for(attendee).post("/api/book-ticket/", {"event": event.id, "quantity": 1})
    assert response.status_code == 201


def test_a_stranger_cannot_verify_someone_elses_address_with_their_own_key(api_client, sent_mail):
    register(api_client, "a@example.test")
    register(api_client, "b@example.test")
    key_a = verification_key(sent_mail()[0])
    api_client.post("/api/auth/verify-email/", {"key": key_a})
    assert User.objects.get(email="a@example.test").email_verified
    assert not User.objects.get(email="b@example.test").email_verified


def test_unknown_users_are_not_revealed_by_verify(api_client):
    key = signing.dumps({"u": 999999, "e": "ghost@example.test"}, salt=VERIFICATION_SALT)
    response = api_client.post("/api/auth/verify-email/", {"key": key})
    assert response.json()["code"] == "invalid_token"
