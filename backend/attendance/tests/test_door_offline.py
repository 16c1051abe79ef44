"""The door without a server: backup codes, search and manual check-in, re-entry, the door
kit by cursor, and offline scans uploaded through sync. All through the HTTP API."""

from datetime import timedelta
from unittest import mock

import pytest
from django.utils import timezone

from attendance.models import Scan
from attendance.tests.helpers import code_of, live_event, tickets_for
from bookings.models import Ticket
from bookings.services import booking_cancel
from bookings.tests.helpers import signing_key_spec
from bookings.tests.payment_helpers import paid_event
from bookings.ticket_codes import ticket_code_verify
from conftest import client_for
from events.models import Event
from events.tests.factories import staff_accepted
from users.tests.factories import UserFactory

pytestmark = pytest.mark.django_db
VALIDATE = "/api/attendance/validate/"
SYNC = "/api/attendance/sync/"


@pytest.fixture
def door():
    event = live_event()
    staff = UserFactory(name="Sam Door")
    staff_accepted(event, staff)
    return event, client_for(staff)


def validate(client, event, **body):
    return client.post(VALIDATE, {"event": event.id, "gate": "North", **body}, format="json")


def offline(scan_id, *, code=None, ticket=None, gate="North", direction="in", minutes_ago=5):
    item = {
        "client_scan_id": scan_id,
        "gate": gate,
        "direction": direction,
        "scanned_at": (timezone.now() - timedelta(minutes=minutes_ago)).isoformat(),
    }
    if code is not None:
        item["code"] = code
    if ticket is not None:
        item["ticket"] = ticket
    return item


def sync(client, event, device, scans):
    return client.post(
        SYNC, {"event": event.id, "device_id": device, "scans": scans}, format="json"
    )


# --- backup codes, search, manual check-in ----------------------------------------------------


def test_a_typed_backup_code_admits_its_ticket_in_any_spelling(door):
    event, client = door
    [ticket] = tickets_for(event)
    typed = f" {ticket.backup_code[:4].lower()}-{ticket.backup_code[4:]} "
    body = validate(client, event, code=typed).json()
    assert (body["status"], body["method"], body["ticket"]["id"]) == (
        "accepted",
        "backup_code",
        ticket.id,
    )
    again = validate(client, event, code=ticket.backup_code).json()
    assert (again["status"], again["reason"]) == ("rejected", "duplicate")


def test_a_backup_code_of_another_event_is_fake_here(door):
    event, client = door
    [other_ticket] = tickets_for(live_event())
    Ticket.objects.filter(event=event).delete()
    body = validate(client, event, code=other_ticket.backup_code).json()
    assert (body["status"], body["reason"], body["ticket"]) == ("rejected", "fake", None)
    other_ticket.refresh_from_db()
    assert other_ticket.checked_in_at is None


def test_search_finds_tickets_by_name_email_or_backup_code_then_admits_by_hand(door):
    event, client = door
    holder = UserFactory(name="Grace Hopper", email="grace@navy.example")
    [first, second] = tickets_for(event, 2, holder=holder)
    tickets_for(event, holder=UserFactory(name="Alan Turing"))
    url = f"/api/attendance/search/?event={event.id}&q="
    by_name = client.get(url + "hopper").json()
    assert [t["id"] for t in by_name["results"]] == [first.id, second.id]
    # Door staff never see an address, and an address finds tickets only in full.
    assert "holder_email" not in by_name["results"][0]
    assert "navy.example" not in str(by_name)
    assert client.get(url + "GRACE@navy.example").json()["count"] == 2
    assert client.get(url + "navy.example").json()["count"] == 0
    by_code = client.get(url + second.backup_code.lower()).json()
    assert [t["id"] for t in by_code["results"]] == [second.id]

    body = validate(client, event, ticket=second.id).json()
    assert (body["status"], body["method"]) == ("accepted", "manual")
    log = client.get(f"/api/attendance/?event={event.id}").json()["results"]
    assert (log[0]["method"], log[0]["ticket"]["id"]) == ("manual", second.id)
    found = client.get(url + "hopper").json()["results"]
    assert [t["checked_in_at"] is not None for t in found] == [False, True]


def test_search_shows_name_type_and_a_masked_backup_code_only(door):
    event, client = door
    [ticket] = tickets_for(event, holder=UserFactory(name="Ada Lovelace", email="ada@x.example"))
    [found] = client.get(f"/api/attendance/search/?event={event.id}&q=lovelace").json()["results"]
    assert found["holder_name"] == found["attendee_name"] == "Ada Lovelace"
    assert found["ticket_type"]["name"] == "General admission"
    assert found["backup_code"] == "****" + ticket.backup_code[-4:]
    assert ticket.backup_code not in str(found) and "ada@x.example" not in str(found)


def test_search_needs_three_characters_and_sees_only_this_event(door):
    event, client = door
    tickets_for(live_event(), holder=UserFactory(name="Somebody Else"))
    for short in ("S", "So", " So "):
        response = client.get(f"/api/attendance/search/?event={event.id}&q={short}")
        assert (response.status_code, response.json()["code"]) == (400, "validation_error")
    assert client.get(f"/api/attendance/search/?event={event.id}&q=Somebody").json()["count"] == 0


def test_search_answers_at_most_20_tickets_a_page(door):
    event, client = door
    for number in range(5):
        tickets_for(event, 5, holder=UserFactory(name=f"Crowd Member {number}"))
    body = client.get(f"/api/attendance/search/?event={event.id}&q=crowd&page_size=100").json()
    assert body["count"] == 25 and len(body["results"]) == 20


def test_search_is_throttled_per_user(door, settings):
    event, client = door
    rates = {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "door_search": "3/min"}
    url = f"/api/attendance/search/?event={event.id}&q=someone"
    other = UserFactory()
    staff_accepted(event, other)
    with mock.patch("rest_framework.throttling.SimpleRateThrottle.THROTTLE_RATES", rates):
        answers = [client.get(url).status_code for _ in range(4)]
        assert answers == [200, 200, 200, 429]
        assert client.get(url).json()["code"] == "throttled"
        # Another member of the door staff has their own allowance.
        assert client_for(other).get(url).status_code == 200


def test_a_manual_check_in_of_another_events_ticket_admits_nothing(door):
    event, client = door
    [foreign] = tickets_for(live_event())
    body = validate(client, event, ticket=foreign.id).json()
    assert (body["status"], body["reason"], body["ticket"]) == ("rejected", "fake", None)
    foreign.refresh_from_db()
    assert foreign.checked_in_at is None


def test_code_and_ticket_together_or_neither_is_a_validation_error(door):
    event, client = door
    [ticket] = tickets_for(event)
    for body in ({"code": code_of(ticket), "ticket": ticket.id}, {}):
        response = validate(client, event, **body)
        assert (response.status_code, response.json()["code"]) == (400, "validation_error")
    assert not Scan.objects.exists()


# --- scan feedback ----------------------------------------------------------------------------


def test_a_ticket_of_another_event_names_that_event_when_the_scanner_may_see_it(door):
    event, client = door
    other = live_event(title="The Other Night")
    [ticket] = tickets_for(other)
    body = validate(client, event, code=code_of(ticket)).json()
    assert body["reason"] == "wrong_event"
    assert (body["other_event"]["id"], body["other_event"]["title"]) == (
        other.id,
        "The Other Night",
    )


def test_a_ticket_of_a_hidden_draft_is_wrong_event_without_a_name(door):
    event, client = door
    draft = live_event(status="draft")
    [ticket] = tickets_for(live_event())
    Ticket.objects.filter(id=ticket.id).update(event=draft)
    code = code_of(Ticket.objects.get(id=ticket.id))
    assert ticket_code_verify(code).event_id == draft.id
    body = validate(client, event, code=code).json()
    assert (body["reason"], body["other_event"]) == ("wrong_event", None)


def test_already_admitted_names_the_ticket_and_where_it_went_in(door):
    event, client = door
    [ticket] = tickets_for(event)
    validate(client, event, code=code_of(ticket))
    body = client.post(
        VALIDATE, {"event": event.id, "gate": "South", "code": code_of(ticket)}, format="json"
    ).json()
    assert (body["reason"], body["ticket"]["id"], body["first_gate"]) == (
        "duplicate",
        ticket.id,
        "North",
    )
    assert body["ticket"]["backup_code"] == ticket.backup_code


# --- re-entry ---------------------------------------------------------------------------------


def test_without_reentry_out_and_back_in_is_refused_and_inside_counts_down(door):
    event, client = door
    [ticket] = tickets_for(event)
    code = code_of(ticket)
    first = validate(client, event, code=code).json()
    assert first["counters"]["inside"] == 1
    out = validate(client, event, code=code, direction="out", gate="South").json()
    assert (out["status"], out["direction"], out["counters"]["inside"]) == ("accepted", "out", 0)
    back = validate(client, event, code=code).json()
    assert (back["status"], back["reason"]) == ("rejected", "duplicate")
    assert back["counters"]["checked_in"] == 1


def test_with_reentry_a_ticket_goes_out_and_back_in_and_occupancy_follows_gates(door):
    event, client = door
    Event.objects.filter(id=event.id).update(allow_reentry=True)
    event.refresh_from_db()
    [a, b] = tickets_for(event, 2)
    validate(client, event, code=code_of(a))
    validate(client, event, code=code_of(b), gate="South")
    out = validate(client, event, code=code_of(a), direction="out").json()
    assert out["counters"]["by_gate"] == [{"gate": "South", "inside": 1}]
    again = validate(client, event, code=code_of(a), gate="South").json()
    assert (again["status"], again["reentry"]) == ("accepted", True)
    assert again["counters"]["inside"] == 2
    assert again["counters"]["checked_in"] == 2
    assert again["counters"]["by_gate"] == [{"gate": "South", "inside": 2}]
    twice = validate(client, event, code=code_of(a), gate="South").json()
    assert (twice["status"], twice["reason"]) == ("rejected", "duplicate")


def test_the_exit_of_a_ticket_not_inside_is_rejected_not_inside(door):
    event, client = door
    [ticket] = tickets_for(event)
    response = validate(client, event, code=code_of(ticket), direction="out")
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["reason"]) == ("rejected", "not_inside")
    assert Event.objects.get(id=event.id).inside_count == 0


def test_undo_of_an_admission_empties_the_seat_inside(organizer_client, organizer):
    event = live_event(organizer=organizer)
    [ticket] = tickets_for(event)
    validate(organizer_client, event, code=code_of(ticket))
    body = organizer_client.post(
        "/api/attendance/undo/", {"event": event.id, "ticket": ticket.id}, format="json"
    ).json()
    assert (body["counters"]["checked_in"], body["counters"]["inside"]) == (0, 0)


def test_reentry_is_an_event_setting_the_organizer_changes(organizer_client, organizer):
    event = live_event(organizer=organizer)
    response = organizer_client.patch(
        f"/api/events/{event.id}/", {"allow_reentry": True}, format="json"
    )
    assert response.status_code == 200 and response.json()["allow_reentry"] is True


# --- the door kit -----------------------------------------------------------------------------


def test_the_door_kit_has_keys_window_and_tickets_then_only_changes_by_cursor(door):
    event, client = door
    [kept, cancelled, admitted] = [tickets_for(event)[0] for _ in range(3)]
    kit = client.get(f"/api/events/{event.id}/door-kit/").json()
    assert kit["full"] is True
    assert kit["event"]["id"] == event.id and "ends_at" in kit["event"]
    assert [key["id"] for key in kit["public_keys"]] == [1]
    assert {t["id"]: t["backup_code"] for t in kit["tickets"]} == {
        t.id: t.backup_code for t in (kept, cancelled, admitted)
    }
    # Everything before the cursor's margin is old news.
    old = timezone.now() - timedelta(minutes=10)
    Ticket.objects.filter(event=event).update(changed_at=old)

    booking_cancel(booking=cancelled.booking, actor=event.organizer)
    validate(client, event, code=code_of(admitted))
    later = client.get(f"/api/events/{event.id}/door-kit/?since={kit['cursor']}").json()
    assert later["full"] is False
    changes = {t["id"]: t for t in later["tickets"]}
    assert set(changes) == {cancelled.id, admitted.id}
    assert changes[cancelled.id]["status"] == "cancelled"
    assert changes[admitted.id]["checked_in_at"] is not None


def test_the_door_kit_public_key_verifies_a_ticket_code(door):
    import base64

    from nacl.signing import VerifyKey

    event, client = door
    [ticket] = tickets_for(event)
    kit = client.get(f"/api/events/{event.id}/door-kit/").json()
    key = VerifyKey(base64.b64decode(kit["public_keys"][0]["key"]))
    raw = base64.b32decode(code_of(ticket)[4:] + "=" * (-len(code_of(ticket)[4:]) % 8))
    key.verify(b"QE1" + raw[:-64], raw[-64:])  # raises if it does not verify


def test_a_cursor_that_is_not_ours_is_a_validation_error(door):
    event, client = door
    response = client.get(f"/api/events/{event.id}/door-kit/?since=yesterday")
    assert (response.status_code, response.json()["code"]) == (400, "validation_error")


def test_codes_verify_with_public_keys_alone(settings):
    from bookings import ticket_codes

    code = ticket_codes.ticket_code_for(event_id=4, ticket_id=2)
    settings.TICKET_VERIFY_KEYS = ticket_codes.public_keys_spec(ticket_codes.public_keys())
    settings.TICKET_SIGNING_KEYS = signing_key_spec(key_id=1)
    ticket_codes.keyring.cache_clear()
    try:
        assert ticket_codes.ticket_code_verify(code).ticket_id == 2
    finally:
        ticket_codes.keyring.cache_clear()


# --- offline scans, synced ----------------------------------------------------------------


def test_offline_admissions_are_accepted_at_the_devices_time_and_logged_as_offline(door):
    event, client = door
    [a, b] = tickets_for(event, 2)
    response = sync(
        client,
        event,
        "phone-1",
        [offline("s1", code=code_of(a), minutes_ago=7), offline("s2", ticket=b.id)],
    )
    assert response.status_code == 200
    body = response.json()
    assert [r["outcome"] for r in body["results"]] == ["accepted", "accepted"]
    assert body["counters"]["checked_in"] == 2 and body["counters"]["inside"] == 2
    a.refresh_from_db()
    assert timezone.now() - a.checked_in_at > timedelta(minutes=6)
    log = client.get(f"/api/attendance/?event={event.id}&offline=true").json()
    assert log["count"] == 2 and all(row["offline"] for row in log["results"])


def test_an_offline_admission_of_a_ticket_admitted_elsewhere_is_a_conflict(door):
    event, client = door
    [ticket] = tickets_for(event)
    validate(client, event, code=code_of(ticket))
    body = sync(client, event, "phone-2", [offline("x", code=code_of(ticket))]).json()
    [result] = body["results"]
    assert (result["outcome"], result["ticket"]["id"]) == ("offline_conflict", ticket.id)
    flagged = client.get(f"/api/attendance/?event={event.id}&reason=offline_conflict").json()
    assert flagged["count"] == 1 and flagged["results"][0]["suspected_sharing"] is True
    assert Event.objects.get(id=event.id).checked_in_count == 1


def test_a_double_tap_on_one_device_is_a_duplicate_not_a_conflict(door):
    event, client = door
    [ticket] = tickets_for(event)
    code = code_of(ticket)
    body = sync(client, event, "phone-3", [offline("1", code=code), offline("2", code=code)])
    assert [r["outcome"] for r in body.json()["results"]] == ["accepted", "duplicate"]
    later = sync(client, event, "phone-3", [offline("3", code=code)]).json()
    assert later["results"][0]["outcome"] == "duplicate"


def test_a_ticket_cancelled_while_the_device_was_offline_is_reported(door):
    event, client = door
    [ticket] = tickets_for(event)
    booking_cancel(booking=ticket.booking, actor=event.organizer)
    body = sync(client, event, "phone-4", [offline("c", code=code_of(ticket))]).json()
    [result] = body["results"]
    assert (result["outcome"], result["reason"]) == ("rejected", "cancelled")
    assert Event.objects.get(id=event.id).checked_in_count == 0


def test_uploading_a_batch_again_answers_the_same_and_changes_nothing(door):
    event, client = door
    [a, b] = tickets_for(event, 2)
    batch = [
        offline("1", code=code_of(a)),
        offline("2", code=code_of(b)),
        offline("3", code=code_of(a)),
        offline("4", code="QE1-FORGED"),
        offline("5", code=code_of(a), direction="out"),
    ]
    first = sync(client, event, "phone-5", batch).json()
    scans = Scan.objects.count()
    again = sync(client, event, "phone-5", batch).json()
    assert again["results"] == first["results"]
    assert [r["outcome"] for r in first["results"]] == [
        "accepted",
        "accepted",
        "duplicate",
        "rejected",
        "accepted",
    ]
    assert first["results"][3]["reason"] == "fake"
    assert Scan.objects.count() == scans
    assert Event.objects.get(id=event.id).checked_in_count == 2
    assert Event.objects.get(id=event.id).inside_count == 1


def test_the_same_scan_ids_from_another_device_are_other_scans(door):
    event, client = door
    [a] = tickets_for(event)
    sync(client, event, "phone-6", [offline("1", code=code_of(a))])
    body = sync(client, event, "phone-7", [offline("1", code=code_of(a))]).json()
    assert body["results"][0]["outcome"] == "offline_conflict"


def test_another_uploader_cannot_take_a_devices_scan_ids(door):
    # Idempotency is per (user, device): a second uploader naming the same device and scan
    # id gets its own scan decided, and the device's real scan, uploaded after, is its own.
    event, client = door
    [mine, theirs] = tickets_for(event, 2)
    intruder = UserFactory()
    staff_accepted(event, intruder)
    taken = sync(client_for(intruder), event, "phone-x", [offline("1", code=code_of(theirs))])
    assert taken.json()["results"][0]["ticket"]["id"] == theirs.id
    body = sync(client, event, "phone-x", [offline("1", code=code_of(mine))]).json()
    [result] = body["results"]
    assert (result["outcome"], result["ticket"]["id"]) == ("accepted", mine.id)
    mine.refresh_from_db()
    assert mine.checked_in_at is not None
    # Each uploader's repeat still answers its own first outcome.
    again = sync(client, event, "phone-x", [offline("1", code=code_of(mine))]).json()
    assert again["results"] == body["results"]


def test_another_uploader_naming_a_device_does_not_pass_its_conflict_off_as_a_double_tap(door):
    event, client = door
    [ticket] = tickets_for(event)
    sync(client, event, "phone-y", [offline("1", code=code_of(ticket))])
    intruder = UserFactory()
    staff_accepted(event, intruder)
    body = sync(client_for(intruder), event, "phone-y", [offline("2", code=code_of(ticket))])
    assert body.json()["results"][0]["outcome"] == "offline_conflict"


def test_a_bad_batch_is_refused_whole_and_changes_nothing(door):
    event, client = door
    [a] = tickets_for(event)
    bad = [offline("1", code=code_of(a)), {"client_scan_id": "2", "scanned_at": "never"}]
    response = sync(client, event, "phone-8", bad)
    assert (response.status_code, response.json()["code"]) == (400, "validation_error")
    assert not Scan.objects.exists()
    too_many = [offline(str(n), code="x") for n in range(501)]
    assert sync(client, event, "phone-8", too_many).status_code in (400, 413)


def test_a_scan_dated_a_little_in_the_future_is_recorded_at_the_servers_time(door):
    # A device clock up to QE_DOOR_CLOCK_SKEW_SECONDS (5 minutes) ahead of ours is believed,
    # its time never stored in the future.
    event, client = door
    [a] = tickets_for(event)
    body = sync(client, event, "phone-9", [offline("1", code=code_of(a), minutes_ago=-2)]).json()
    assert body["results"][0]["outcome"] == "accepted"
    a.refresh_from_db()
    assert a.checked_in_at <= timezone.now()


@pytest.mark.parametrize(
    ("opens", "ends", "minutes_ago", "reason"),
    [
        # Scanned offline before check-in opened (beyond the tolerance).
        (timedelta(minutes=-10), timedelta(hours=3), 30, "not_started"),
        # Scanned offline after the event ended (beyond the tolerance).
        (timedelta(hours=-5), timedelta(minutes=-20), 10, "expired"),
        # A device time far ahead of the server's: that moment has not come yet.
        (timedelta(hours=-2), timedelta(hours=3), -90, "not_started"),
    ],
)
def test_an_offline_scan_outside_the_check_in_window_is_refused(
    door, opens, ends, minutes_ago, reason
):
    # The same window as online (a code refused online as not_started or expired is not
    # admitted through sync), with the documented clock-skew tolerance.
    event, client = door
    [ticket] = tickets_for(event)
    now = timezone.now()
    Event.objects.filter(id=event.id).update(
        checkin_opens_at=now + opens, starts_at=now + opens, ends_at=now + ends
    )
    batch = [offline("w", code=code_of(ticket), minutes_ago=minutes_ago)]
    [result] = sync(client, event, "phone-w", batch).json()["results"]
    assert (result["outcome"], result["reason"]) == ("rejected", reason)
    ticket.refresh_from_db()
    assert ticket.checked_in_at is None
    assert Event.objects.get(id=event.id).checked_in_count == 0
    refused = client.get(f"/api/attendance/?event={event.id}&reason={reason}").json()
    assert refused["count"] == 1 and refused["results"][0]["offline"] is True


def test_an_offline_scan_within_the_tolerance_of_the_window_is_admitted(door):
    event, client = door
    [ticket] = tickets_for(event)
    now = timezone.now()
    # Check-in opened a minute ago; the device's clock says it scanned three minutes ago.
    Event.objects.filter(id=event.id).update(checkin_opens_at=now - timedelta(minutes=1))
    batch = [offline("t", code=code_of(ticket), minutes_ago=3)]
    [result] = sync(client, event, "phone-t", batch).json()["results"]
    assert result["outcome"] == "accepted"


def test_an_offline_scan_dated_before_the_event_existed_is_refused(door):
    event, client = door
    [ticket] = tickets_for(event)
    Event.objects.filter(id=event.id).update(checkin_opens_at=event.created_at - timedelta(days=9))
    long_before = (event.created_at - timedelta(days=2)) - timezone.now()
    batch = [offline("old", code=code_of(ticket), minutes_ago=-long_before.total_seconds() / 60)]
    [result] = sync(client, event, "phone-old", batch).json()["results"]
    assert (result["outcome"], result["reason"]) == ("rejected", "not_started")


def test_an_online_admission_whose_answer_was_lost_is_a_double_tap_not_a_conflict(door):
    # The phone's validate answered too late (over 2 s): the phone fell back to offline and
    # admitted the same ticket from its own copy. Its upload is that phone's double tap.
    event, client = door
    [ticket, other] = tickets_for(event, 2)
    assert (
        validate(client, event, code=code_of(ticket), device_id="phone-7").json()["status"]
        == "accepted"
    )
    assert validate(client, event, code=code_of(other)).json()["status"] == "accepted"
    body = sync(
        client,
        event,
        "phone-7",
        [offline("a", code=code_of(ticket)), offline("b", code=code_of(other))],
    ).json()
    # The other ticket was admitted online by another device: two people, one ticket.
    assert [r["outcome"] for r in body["results"]] == ["duplicate", "offline_conflict"]


def test_tickets_not_yet_paid_for_are_not_at_the_door_until_paid():
    event = paid_event(methods=["manual"])
    staff = UserFactory()
    staff_accepted(event, staff)
    door = client_for(staff)
    buyer = UserFactory(name="Paula Pending")
    booked = client_for(buyer).post(
        "/api/book-ticket/",
        {"event": event.id, "quantity": 1, "payment_method": "manual"},
        format="json",
    )
    assert booked.json()["status"] == "pending_payment"
    kit = door.get(f"/api/events/{event.id}/door-kit/").json()
    assert kit["tickets"] == []
    found = door.get(f"/api/attendance/search/?event={event.id}&q=Paula").json()
    assert found["count"] == 0

    Ticket.objects.filter(event=event).update(changed_at=timezone.now() - timedelta(minutes=10))
    client_for(event.organizer).post(f"/api/bookings/{booked.json()['id']}/mark-paid/")
    later = door.get(f"/api/events/{event.id}/door-kit/?since={kit['cursor']}").json()
    assert [(t["holder_name"], t["status"]) for t in later["tickets"]] == [
        ("Paula Pending", "valid")
    ]
    assert door.get(f"/api/attendance/search/?event={event.id}&q=Paula").json()["count"] == 1
