"""Ticket transfers through the API: the holder sends one ticket to an address and a name;
the ticket gets a new code and backup code, the old ones are refused at the door as
`revoked`, the recipient finds it under My tickets once signed in with that (confirmed)
address, and the sender no longer sees it. Counters do not move."""

import hashlib
import re
from datetime import timedelta
from urllib.parse import parse_qs, urlparse

import pytest
from django.utils import timezone

from attendance.tests.helpers import code_of, live_event, tickets_for
from bookings.models import Booking, Ticket, TicketStatus
from bookings.services import booking_cancel
from bookings.tests.helpers import decode_qr
from conftest import client_for
from events.models import CheckinList, Event
from events.tests.factories import staff_accepted
from users.models import User
from users.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def transfer(client, ticket, **body):
    payload = {"email": "friend@example.test", "name": "Fran Friend", **body}
    return client.post(f"/api/tickets/{ticket.id}/transfer/", payload, format="json")


@pytest.fixture
def holding():
    """A live event open to transfers for an hour more; a booker holding two tickets."""
    event = live_event(transfers_until=timezone.now() + timedelta(hours=1))
    booker = UserFactory(name="Bo Booker", email="bo@example.test")
    tickets = tickets_for(event, 2, holder=booker)
    return event, booker, tickets


def door_client(event):
    staff = UserFactory()
    staff_accepted(event, staff)
    return client_for(staff)


def analytics(event):
    client = client_for(event.organizer)
    return client.get(f"/api/admin/analytics/?event={event.id}").json()


def test_a_transfer_issues_a_new_code_and_revokes_the_old(holding, sent_mail):
    event, booker, [old, _kept] = holding
    before = analytics(event)
    response = transfer(client_for(booker), old)
    assert response.status_code == 200, response.content
    new = response.json()
    assert new["id"] != old.id
    assert new["attendee_name"] == "Fran Friend"
    assert new["code"] != code_of(old) and new["backup_code"] != old.backup_code
    assert new["received_by_transfer"] is True
    assert new["ticket_type"]["id"] == old.ticket_type_id
    row = Ticket.objects.get(id=new["id"])
    assert (row.booking_id, row.holder_email, row.transferred_from_id) == (
        old.booking_id,
        "friend@example.test",
        old.id,
    )
    old.refresh_from_db()
    assert old.status == TicketStatus.REVOKED
    assert old.revoked_code_sha256 == hashlib.sha256(code_of(old).encode()).hexdigest()
    # Nothing sold or admitted changes: one valid ticket replaced another.
    event.refresh_from_db()
    assert event.tickets_sold == 2
    assert Ticket.objects.filter(event=event, status=TicketStatus.VALID).count() == 2
    after = analytics(event)
    for name in ("sold", "tickets_sold", "checked_in", "no_shows"):
        assert after[name] == before[name], name
    # The recipient is e-mailed the new ticket (through the outbox).
    [message] = [m for m in sent_mail() if m.to == ["friend@example.test"]]
    assert "Bo Booker" in message.body and event.title in message.subject
    [(_, png, _)] = message.attachments
    assert decode_qr(png) == [new["code"]]


def test_the_sender_no_longer_sees_it_and_the_booking_shows_it_transferred(holding):
    _event, booker, [old, kept] = holding
    client = client_for(booker)
    new = transfer(client, old).json()
    listed = client.get("/api/tickets/").json()
    ids = [ticket["id"] for ticket in listed["results"]]
    assert ids == [kept.id]
    assert client.get(f"/api/tickets/{old.id}/").status_code == 404
    assert client.get(f"/api/tickets/{new['id']}/").status_code == 404
    assert client.get(f"/api/tickets/{new['id']}/qr.png").status_code == 404
    assert client.get(f"/api/tickets/{old.id}/qr.png").status_code == 404
    booking = client.get(f"/api/bookings/{old.booking_id}/").json()
    shown = {ticket["id"]: ticket for ticket in booking["tickets"]}
    assert set(shown) == {old.id, kept.id}
    assert shown[old.id]["status"] == "revoked"
    assert shown[old.id]["transferred_at"] is not None
    assert shown[old.id]["code"] is None and shown[old.id]["backup_code"] is None
    assert shown[old.id]["qr_png"] is None
    assert shown[kept.id]["code"] == code_of(kept)
    # The tickets e-mail the booker may ask again holds only the ticket they kept.
    assert client.get(f"/api/bookings/{old.booking_id}/tickets.pdf").status_code == 200


def test_the_recipient_signs_up_confirms_the_address_and_finds_the_ticket(
    holding, api_client, sent_mail
):
    _event, booker, [old, _] = holding
    new = transfer(client_for(booker), old).json()
    body = {
        "email": "Friend@Example.test",
        "password": "a-long-pass-phrase",
        "name": "Fran",
        "role": "attendee",
    }
    assert api_client.post("/api/auth/register/", body).status_code == 201
    friend = User.objects.get(email="friend@example.test")
    client = client_for(friend)
    # An address nobody confirmed claims nothing.
    assert client.get("/api/tickets/").json()["results"] == []
    [message] = [m for m in sent_mail() if "verify-email" in m.body]
    [url] = re.findall(r"https?://\S+", message.body)
    key = parse_qs(urlparse(url).query)["key"][0]
    assert api_client.post("/api/auth/verify-email/", {"key": key}).status_code == 204
    [mine] = client.get("/api/tickets/").json()["results"]
    assert (mine["id"], mine["code"], mine["attendee_name"]) == (
        new["id"],
        new["code"],
        "Fran Friend",
    )
    assert client.get(f"/api/tickets/{new['id']}/qr.svg").status_code == 200
    # Not the booking, which stays the booker's.
    assert client.get(f"/api/bookings/{old.booking_id}/").status_code == 404


def test_the_recipient_may_pass_it_on_and_then_no_longer_holds_it(holding):
    _event, booker, [old, _] = holding
    friend = UserFactory(email="friend@example.test", email_verified=True)
    new = transfer(client_for(booker), old).json()
    response = transfer(client_for(friend), Ticket(id=new["id"]), email="third@example.test")
    assert response.status_code == 200
    assert client_for(friend).get("/api/tickets/").json()["results"] == []
    # The booker's own address is fine for the recipient (it is not theirs).
    third = Ticket.objects.get(id=response.json()["id"])
    assert third.holder_email == "third@example.test"
    assert Ticket.objects.get(id=new["id"]).status == TicketStatus.REVOKED


def test_the_old_code_and_backup_code_are_refused_revoked_online(holding):
    event, booker, [old, _] = holding
    new = transfer(client_for(booker), old).json()
    door = door_client(event)
    for code in (code_of(old), old.backup_code):
        answer = door.post(
            "/api/attendance/validate/",
            {"event": event.id, "gate": "North", "code": code},
            format="json",
        ).json()
        assert (answer["status"], answer["reason"]) == ("rejected", "revoked")
    answer = door.post(
        "/api/attendance/validate/",
        {"event": event.id, "gate": "North", "code": new["code"]},
        format="json",
    ).json()
    assert answer["status"] == "accepted"
    # A checked-in ticket cannot be transferred.
    again = transfer(client_for(UserFactory(email="friend2@example.test")), Ticket(id=new["id"]))
    assert again.status_code == 404  # not theirs
    friend = UserFactory(email="friend@example.test", email_verified=True)
    refused = transfer(client_for(friend), Ticket(id=new["id"]), email="x@example.test")
    assert (refused.status_code, refused.json()["code"]) == (409, "already_checked_in")


def test_an_offline_upload_of_the_old_code_is_refused_revoked(holding):
    event, booker, [old, _] = holding
    transfer(client_for(booker), old)
    scan = {
        "client_scan_id": "s1",
        "code": code_of(old),
        "gate": "North",
        "direction": "in",
        "scanned_at": (timezone.now() - timedelta(minutes=2)).isoformat(),
    }
    body = door_client(event).post(
        "/api/attendance/sync/",
        {"event": event.id, "device_id": "phone-1", "scans": [scan]},
        format="json",
    )
    [result] = body.json()["results"]
    assert (result["outcome"], result["reason"]) == ("rejected", "revoked")
    assert Event.objects.get(id=event.id).checked_in_count == 0


def test_door_kits_carry_the_revoked_codes_full_and_by_cursor(holding):
    event, booker, [old, _kept] = holding
    door = door_client(event)
    first = door.get(f"/api/events/{event.id}/door-kit/").json()
    assert first["revoked"] == []
    new = transfer(client_for(booker), old).json()
    expected = {
        "code_sha256": hashlib.sha256(code_of(old).encode()).hexdigest(),
        "backup_code": old.backup_code,
    }
    for url in (
        f"/api/events/{event.id}/door-kit/",
        f"/api/events/{event.id}/door-kit/?since={first['cursor']}",
    ):
        kit = door.get(url).json()
        [revoked] = kit["revoked"]
        assert {k: revoked[k] for k in expected} == expected and revoked["revoked_at"]
        statuses = {ticket["id"]: ticket["status"] for ticket in kit["tickets"]}
        assert statuses[old.id] == "revoked" and statuses[new["id"]] == "valid"


def test_a_ticket_admitted_on_another_list_cannot_be_transferred(holding):
    event, booker, [old, _] = holding
    lounge = CheckinList.objects.create(event=event, name="Lounge")
    door = door_client(event)
    answer = door.post(
        "/api/attendance/validate/",
        {"event": event.id, "gate": "L", "code": code_of(old), "list": lounge.id},
        format="json",
    ).json()
    assert answer["status"] == "accepted"
    response = transfer(client_for(booker), old)
    assert (response.status_code, response.json()["code"]) == (409, "already_checked_in")
    assert Ticket.objects.get(id=old.id).status == TicketStatus.VALID


def test_a_revoked_ticket_is_refused_revoked_on_another_list(holding):
    event, booker, [old, _] = holding
    lounge = CheckinList.objects.create(event=event, name="Lounge")
    transfer(client_for(booker), old)
    answer = (
        door_client(event)
        .post(
            "/api/attendance/validate/",
            {"event": event.id, "gate": "L", "code": code_of(old), "list": lounge.id},
            format="json",
        )
        .json()
    )
    assert (answer["status"], answer["reason"]) == ("rejected", "revoked")


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"email": "bo@example.test"}, "email"),
        ({"email": "BO@example.test "}, "email"),
        ({"email": "not-an-address"}, "email"),
        ({"email": ""}, "email"),
        ({"name": "Fran\nFriend"}, "name"),
        ({"name": "Fran\x00"}, "name"),
        ({"name": "x" * 101}, "name"),
        ({"name": "   "}, "name"),
        ({"name": None}, "name"),
    ],
)
def test_bad_input_is_a_400_and_changes_nothing(holding, body, field):
    event, booker, [old, _] = holding
    response = transfer(client_for(booker), old, **body)
    assert response.status_code == 400, response.content
    assert field in response.json()["fields"]
    assert Ticket.objects.filter(event=event).count() == 2
    assert Ticket.objects.get(id=old.id).status == TicketStatus.VALID


@pytest.mark.parametrize(
    "until", [None, timedelta(minutes=-1)], ids=["transfers off", "after transfers_until"]
)
def test_closed_transfers_are_refused(holding, until):
    event, booker, [old, _] = holding
    Event.objects.filter(id=event.id).update(
        transfers_until=None if until is None else timezone.now() + until
    )
    response = transfer(client_for(booker), old)
    assert (response.status_code, response.json()["code"]) == (409, "transfers_closed")
    assert Ticket.objects.get(id=old.id).status == TicketStatus.VALID


def test_a_checked_in_ticket_is_refused(holding):
    _event, booker, [old, _] = holding
    Ticket.objects.filter(id=old.id).update(checked_in_at=timezone.now())
    response = transfer(client_for(booker), old)
    assert (response.status_code, response.json()["code"]) == (409, "already_checked_in")


@pytest.mark.parametrize("status", [TicketStatus.PENDING, TicketStatus.CANCELLED])
def test_a_pending_or_cancelled_ticket_is_refused(holding, status):
    event, booker, [old, _] = holding
    Ticket.objects.filter(id=old.id).update(status=status)
    response = transfer(client_for(booker), old)
    assert (response.status_code, response.json()["code"]) == (409, "ticket_not_transferable")
    assert Ticket.objects.filter(event=event).count() == 2


def test_only_the_holder_may_transfer(holding):
    event, _booker, [old, _] = holding
    for someone in (UserFactory(), event.organizer):
        assert transfer(client_for(someone), old).status_code == 404
    assert Ticket.objects.get(id=old.id).status == TicketStatus.VALID


def test_the_buyer_cannot_cancel_a_booking_with_a_transferred_ticket_the_organizer_can(holding):
    event, booker, [old, kept] = holding
    Event.objects.filter(id=event.id).update(
        attendee_cancel_until=timezone.now() + timedelta(hours=1)
    )
    new = transfer(client_for(booker), old).json()
    response = client_for(booker).post(f"/api/bookings/{old.booking_id}/cancel/")
    assert (response.status_code, response.json()["code"]) == (409, "booking_has_transfers")
    booking_cancel(booking=Booking.objects.get(id=old.booking_id), actor=event.organizer)
    statuses = dict(Ticket.objects.filter(event=event).values_list("id", "status"))
    assert statuses == {
        old.id: TicketStatus.REVOKED,
        kept.id: TicketStatus.CANCELLED,
        new["id"]: TicketStatus.CANCELLED,
    }


def test_transfers_until_defaults_to_the_start_and_is_editable(organizer_client):
    starts = timezone.now() + timedelta(days=10)
    body = {
        "title": "Gig",
        "venue": "Hall",
        "starts_at": starts.isoformat(),
        "ends_at": (starts + timedelta(hours=3)).isoformat(),
        "capacity": 10,
    }
    created = organizer_client.post("/api/events/", body, format="json").json()
    event = Event.objects.get(id=created["id"])
    assert event.transfers_until == event.starts_at
    # Moving the start moves the default with it.
    later = starts + timedelta(days=1)
    url = f"/api/events/{event.id}/"
    moved = {"starts_at": later.isoformat(), "ends_at": (later + timedelta(hours=3)).isoformat()}
    assert organizer_client.patch(url, moved, format="json").status_code == 200
    event.refresh_from_db()
    assert event.transfers_until == event.starts_at
    assert abs(event.starts_at - later) < timedelta(seconds=1)
    assert organizer_client.patch(url, {"transfers_until": None}, format="json").status_code == 200
    assert Event.objects.get(id=event.id).transfers_until is None
    too_late = (later + timedelta(days=2)).isoformat()
    response = organizer_client.patch(url, {"transfers_until": too_late}, format="json")
    assert response.status_code == 400 and "transfers_until" in response.json()["fields"]
    off = organizer_client.post("/api/events/", {**body, "transfers_until": None}, format="json")
    assert Event.objects.get(id=off.json()["id"]).transfers_until is None


def test_the_recipient_may_rename_the_ticket_and_an_emptied_name_stays_theirs(holding):
    event, booker, [old, _] = holding
    # Names change until the start: this one is still ahead.
    Event.objects.filter(id=event.id).update(starts_at=timezone.now() + timedelta(hours=1))
    friend = UserFactory(email="friend@example.test", email_verified=True)
    new = transfer(client_for(booker), old).json()
    url = f"/api/tickets/{new['id']}/"
    renamed = client_for(friend).patch(url, {"attendee_name": "Francesca"}, format="json")
    assert renamed.json()["attendee_name"] == "Francesca"
    emptied = client_for(friend).patch(url, {"attendee_name": ""}, format="json")
    assert emptied.json()["attendee_name"] == "Francesca"
    assert emptied.json()["code"] == new["code"]
