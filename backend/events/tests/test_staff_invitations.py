"""Door staff by invitation: the organizer learns nothing about an address (no account
lookup, no names), the invitee accepts through the e-mailed link (creating an account if
needed), and only then may scan. Removing works for invitations and staff alike."""

import re
from unittest import mock
from urllib.parse import parse_qs, urlparse

import pytest
from django.core import signing
from django.test import override_settings
from rest_framework.test import APIClient

from attendance.tests.helpers import code_of, live_event, tickets_for
from conftest import client_for
from events.models import STAFF_INVITATION_SALT, EventStaff
from users.models import User
from users.tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
ACCEPT = "/api/auth/invitations/accept/"


@pytest.fixture(autouse=True)
def _organizer_verified(organizer):
    """Invitations go out in the organizer's name: only from a confirmed address."""
    organizer.email_verified = True
    organizer.save(update_fields=["email_verified"])


def invite(client, event, email):
    return client.post(f"/api/events/{event.id}/staff/", {"email": email})


def invitation_token(message) -> str:
    [url] = re.findall(r"https?://\S+", message.body)
    parsed = urlparse(url)
    assert parsed.path == "/invitations/accept"
    return parse_qs(parsed.query)["token"][0]


def invitations(sent_mail) -> list:
    return [m for m in sent_mail() if m.subject.startswith("You are invited to scan")]


def scan(user, event, ticket):
    return client_for(user).post(
        "/api/attendance/validate/", {"code": code_of(ticket), "event": event.id}
    )


def test_the_answer_is_the_same_for_every_address(organizer):
    event = live_event(organizer=organizer)
    existing = UserFactory(email="known@example.test", name="Known Person")
    client = client_for(organizer)
    answers = [
        invite(client, event, address)
        for address in ("known@example.test", "unknown@example.test", organizer.email)
    ]
    assert [a.status_code for a in answers] == [201, 201, 201]
    assert [set(a.json()) for a in answers] == [{"email", "status"}] * 3
    assert all(a.json()["status"] == "invited" for a in answers)
    assert existing.name not in str([a.content for a in answers])
    # Nobody is staff yet, known account or not: they have not accepted.
    assert not EventStaff.objects.filter(user__isnull=False).exists()


def test_the_invitee_with_an_account_accepts_and_then_may_scan(organizer, sent_mail):
    event = live_event(organizer=organizer)
    [ticket] = tickets_for(event)
    staff = UserFactory(email="door@example.test")
    invite(client_for(organizer), event, "Door@Example.test")
    [message] = invitations(sent_mail)
    assert message.to == ["door@example.test"]
    token = invitation_token(message)

    assert scan(staff, event, ticket).status_code == 403  # not staff before accepting
    preview = APIClient().post("/api/auth/invitations/", {"token": token})
    assert preview.status_code == 200
    assert preview.json()["event_title"] == event.title
    assert preview.json()["account_exists"] is True
    # The link alone is not enough for an existing account: its owner must be signed in.
    anonymous = APIClient().post(ACCEPT, {"token": token})
    assert anonymous.status_code == 401
    assert anonymous.json()["code"] == "sign_in_required"
    accepted = client_for(staff).post(ACCEPT, {"token": token})
    assert accepted.status_code == 200
    assert accepted.json()["status"] == "accepted"
    assert accepted.json()["account_created"] is False
    assert scan(staff, event, ticket).json()["status"] == "accepted"
    # Accepting twice is harmless.
    assert client_for(staff).post(ACCEPT, {"token": token}).status_code == 200


def test_an_invitee_without_an_account_creates_one_by_accepting(organizer, sent_mail):
    event = live_event(organizer=organizer)
    [ticket] = tickets_for(event)
    invite(client_for(organizer), event, "newcomer@example.test")
    token = invitation_token(invitations(sent_mail)[0])
    assert (
        APIClient().post("/api/auth/invitations/", {"token": token}).json()["account_exists"]
        is False
    )
    missing = APIClient().post(ACCEPT, {"token": token})
    assert missing.status_code == 400
    assert set(missing.json()["fields"]) == {"name", "password"}
    weak = APIClient().post(ACCEPT, {"token": token, "name": "New", "password": "123"})
    assert weak.status_code == 400
    assert not User.objects.filter(email="newcomer@example.test").exists()
    response = APIClient().post(
        ACCEPT, {"token": token, "name": "New Comer", "password": "a-long-pass-phrase"}
    )
    assert response.status_code == 200
    assert response.json()["account_created"] is True
    newcomer = User.objects.get(email="newcomer@example.test")
    assert newcomer.email_verified  # the link proved the address
    login = APIClient().post(
        "/api/auth/login/", {"email": newcomer.email, "password": "a-long-pass-phrase"}
    )
    assert login.status_code == 200
    assert scan(newcomer, event, ticket).json()["status"] == "accepted"
    # The link is used up.
    again = APIClient().post(ACCEPT, {"token": token, "name": "X", "password": "another-pass-1"})
    assert again.status_code == 400
    assert again.json()["code"] == "invalid_token"


def test_someone_else_signed_in_cannot_take_the_invitation(organizer, sent_mail):
    event = live_event(organizer=organizer)
    UserFactory(email="door@example.test")
    invite(client_for(organizer), event, "door@example.test")
    token = invitation_token(invitations(sent_mail)[0])
    intruder = UserFactory()
    response = client_for(intruder).post(ACCEPT, {"token": token})
    assert response.status_code == 403
    assert response.json()["code"] == "invitation_other_account"
    assert not EventStaff.objects.filter(user=intruder).exists()


@pytest.mark.parametrize(
    "token",
    [
        "garbage",
        signing.dumps({"s": 1, "n": "x"}, salt="another-salt"),
        signing.dumps({"s": "1", "n": "x"}, salt=STAFF_INVITATION_SALT),
    ],
)
def test_forged_invitation_tokens_are_refused(attendee_client, token):
    for client in (APIClient(), attendee_client):
        response = client.post(ACCEPT, {"token": token})
        assert response.status_code == 400
        assert response.json()["code"] == "invalid_token"
    assert APIClient().post("/api/auth/invitations/", {"token": token}).status_code == 400


def test_inviting_again_kills_the_older_link(organizer, sent_mail):
    event = live_event(organizer=organizer)
    staff = UserFactory(email="door@example.test")
    client = client_for(organizer)
    invite(client, event, staff.email)
    [first] = [invitation_token(m) for m in invitations(sent_mail)]
    invite(client, event, staff.email)
    second = invitation_token(invitations(sent_mail)[1])
    assert first != second
    assert client_for(staff).post(ACCEPT, {"token": first}).json()["code"] == "invalid_token"
    assert client_for(staff).post(ACCEPT, {"token": second}).status_code == 200
    assert EventStaff.objects.filter(event=event).count() == 1


@override_settings(STAFF_INVITATION_MAX_AGE=-1)
def test_an_expired_invitation_is_refused(organizer, sent_mail):
    event = live_event(organizer=organizer)
    staff = UserFactory(email="door@example.test")
    invite(client_for(organizer), event, staff.email)
    token = invitation_token(invitations(sent_mail)[0])
    assert client_for(staff).post(ACCEPT, {"token": token}).json()["code"] == "invalid_token"


def test_the_list_shows_invitations_and_staff_and_removing_works_for_both(organizer, sent_mail):
    event = live_event(organizer=organizer)
    [ticket] = tickets_for(event)
    staff = UserFactory(email="door@example.test", name="Door Person")
    client = client_for(organizer)
    invite(client, event, "door@example.test")
    invite(client, event, "pending@example.test")
    token = invitation_token(invitations(sent_mail)[0])
    client_for(staff).post(ACCEPT, {"token": token})

    listed = client.get(f"/api/events/{event.id}/staff/").json()
    by_email = {row["email"]: row for row in listed}
    assert by_email["door@example.test"]["status"] == "accepted"
    assert by_email["door@example.test"]["name"] == "Door Person"
    assert by_email["pending@example.test"]["status"] == "invited"
    assert by_email["pending@example.test"]["name"] is None

    for row in listed:
        assert client.delete(f"/api/events/{event.id}/staff/{row['id']}/").status_code == 204
        assert client.delete(f"/api/events/{event.id}/staff/{row['id']}/").status_code == 404
    assert client.get(f"/api/events/{event.id}/staff/").json() == []
    assert scan(staff, event, ticket).status_code == 403


def test_a_withdrawn_invitation_cannot_be_accepted(organizer, sent_mail):
    event = live_event(organizer=organizer)
    invite(client_for(organizer), event, "later@example.test")
    token = invitation_token(invitations(sent_mail)[0])
    [row] = client_for(organizer).get(f"/api/events/{event.id}/staff/").json()
    client_for(organizer).delete(f"/api/events/{event.id}/staff/{row['id']}/")
    response = APIClient().post(ACCEPT, {"token": token, "name": "L", "password": PASSWORD})
    assert response.json()["code"] == "invalid_token"
    assert not User.objects.filter(email="later@example.test").exists()


def test_staff_of_another_event_cannot_be_removed_here(organizer):
    event = live_event(organizer=organizer)
    other = live_event()
    invite(client_for(other.organizer), other, "x@example.test")
    row = EventStaff.objects.get(event=other)
    response = client_for(organizer).delete(f"/api/events/{event.id}/staff/{row.id}/")
    assert response.status_code == 404
    assert EventStaff.objects.filter(id=row.id).exists()


def test_an_invalid_address_is_refused(organizer):
    event = live_event(organizer=organizer)
    response = invite(client_for(organizer), event, "not an address")
    assert response.status_code == 400
    assert response.json()["code"] == "validation_error"
    assert not EventStaff.objects.exists()


def test_an_organizer_without_a_confirmed_address_cannot_invite(sent_mail):
    unconfirmed = UserFactory(role="organizer")
    event = live_event(organizer=unconfirmed)
    response = invite(client_for(unconfirmed), event, "door@example.test")
    assert (response.status_code, response.json()["code"]) == (403, "email_not_verified")
    assert not EventStaff.objects.exists()
    assert not invitations(sent_mail)


def test_invitations_are_limited_per_organizer_per_day(organizer, settings):
    event = live_event(organizer=organizer)
    client = client_for(organizer)
    rates = {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "staff_invite": "2/day"}
    with mock.patch("rest_framework.throttling.SimpleRateThrottle.THROTTLE_RATES", rates):
        answers = [invite(client, event, f"d{n}@example.test") for n in range(3)]
        assert [a.status_code for a in answers] == [201, 201, 429]
        assert answers[2].json()["code"] == "throttled"
        # Inviting the same address again is another e-mail: it counts too.
        assert invite(client, event, "d0@example.test").status_code == 429
        assert client.get(f"/api/events/{event.id}/staff/").status_code == 200  # reading is not


def test_the_subject_holds_only_a_short_title_without_links(organizer, sent_mail):
    title = "URGENT: verify your bank account at http://evil.example/login or www.evil.example"
    event = live_event(organizer=organizer, title=title)
    invite(client_for(organizer), event, "door@example.test")
    [message] = invitations(sent_mail)
    assert "evil" not in message.subject and "http" not in message.subject
    assert message.subject.startswith("You are invited to scan tickets for URGENT: verify")
    assert len(message.subject) <= len("You are invited to scan tickets for ") + 60
    long = live_event(organizer=organizer, title="A" * 200)
    invite(client_for(organizer), long, "door2@example.test")
    subjects = [m.subject for m in invitations(sent_mail)]
    assert max(len(s) for s in subjects) <= len("You are invited to scan tickets for ") + 60
