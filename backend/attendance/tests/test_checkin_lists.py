"""Check-in lists through the HTTP API: the organizer's editor, and the door scanning on a
list (wrong_list, once per ticket and list, Entry's counters untouched)."""

import pytest

from attendance.models import ListAdmission, Scan
from attendance.tests.helpers import code_of
from attendance.tests.list_helpers import lounge_event, ticket_of_type
from conftest import client_for
from events.models import CheckinList
from events.tests.factories import EventFactory, staff_accepted
from users.tests.factories import UserFactory

pytestmark = pytest.mark.django_db
VALIDATE = "/api/attendance/validate/"


def lists_url(event, list_id=None):
    url = f"/api/events/{event.id}/checkin-lists/"
    return url if list_id is None else f"{url}{list_id}/"


@pytest.fixture
def lounge():
    event, general, vip, lounge = lounge_event()
    staff = UserFactory(name="Sam Door")
    staff_accepted(event, staff)
    return event, general, vip, lounge, client_for(staff), client_for(event.organizer)


def test_lists_read_entry_first_with_types_and_counts(lounge):
    event, _, vip, lounge, staff, _ = lounge
    response = staff.get(lists_url(event))
    assert response.status_code == 200
    entry, vip_lounge = response.json()
    assert entry["name"] == "Entry" and entry["is_default"] is True
    assert entry["ticket_types"] == [] and entry["checked_in"] == 0
    assert vip_lounge == {
        "id": lounge.id,
        "name": "VIP lounge",
        "ticket_types": [{"id": vip.id, "name": "VIP table"}],
        "is_default": False,
        "checked_in": 0,
    }


def test_the_organizer_adds_renames_limits_and_deletes_a_list(lounge):
    event, general, _, _, _, organizer = lounge
    created = organizer.post(
        lists_url(event), {"name": "Workshop", "ticket_types": [general.id]}, format="json"
    )
    assert created.status_code == 201, created.content
    list_id = created.json()["id"]
    assert created.json()["ticket_types"] == [{"id": general.id, "name": "General admission"}]
    changed = organizer.patch(
        lists_url(event, list_id), {"name": "Day 2", "ticket_types": []}, format="json"
    )
    assert changed.status_code == 200
    assert changed.json()["name"] == "Day 2" and changed.json()["ticket_types"] == []
    assert organizer.delete(lists_url(event, list_id)).status_code == 204
    assert not CheckinList.objects.filter(id=list_id).exists()


@pytest.mark.parametrize(
    "body",
    [
        {"name": "", "ticket_types": []},
        {"ticket_types": []},
        {"name": "x" * 101},
        {"name": "Lounge", "ticket_types": ["vip"]},
        {"name": "Lounge", "ticket_types": [999_999]},
        {"name": "Lounge", "ticket_types": "all"},
        {"name": "VIP LOUNGE"},
    ],
)
def test_bad_lists_are_400_with_fields_and_write_nothing(lounge, body):
    event, *_, organizer = lounge
    response = organizer.post(lists_url(event), body, format="json")
    assert response.status_code == 400
    assert response.json()["fields"]
    assert CheckinList.objects.filter(event=event).count() == 2


def test_a_type_of_another_event_is_unknown(lounge):
    event, *_, organizer = lounge
    other_type = EventFactory().ticket_types.get()
    response = organizer.post(
        lists_url(event), {"name": "Lounge 2", "ticket_types": [other_type.id]}, format="json"
    )
    assert response.status_code == 400
    assert "ticket_types" in response.json()["fields"]


def test_entry_cannot_be_deleted_or_limited_but_may_be_renamed(lounge):
    event, _, vip, _, _, organizer = lounge
    entry = CheckinList.objects.get(event=event, is_default=True)
    deleted = organizer.delete(lists_url(event, entry.id))
    assert deleted.status_code == 409 and deleted.json()["code"] == "entry_list_required"
    limited = organizer.patch(lists_url(event, entry.id), {"ticket_types": [vip.id]}, format="json")
    assert limited.status_code == 400 and limited.json()["code"] == "entry_list_all_types"
    assert not entry.ticket_types.exists()
    renamed = organizer.patch(lists_url(event, entry.id), {"name": "Doors"}, format="json")
    assert renamed.status_code == 200 and renamed.json()["is_default"] is True


def test_a_list_of_another_event_is_not_found_here(lounge):
    event, *_, organizer = lounge
    other = EventFactory(organizer=event.organizer)
    other_list = CheckinList.objects.get(event=other)
    response = organizer.patch(lists_url(event, other_list.id), {"name": "X"}, format="json")
    assert response.status_code == 404


def scan(client, event, ticket, checkin_list=None, **extra):
    body = {"code": code_of(ticket), "event": event.id, "gate": "Lounge door", **extra}
    if checkin_list is not None:
        body["list"] = checkin_list.id
    return client.post(VALIDATE, body, format="json")


def test_a_vip_list_refuses_a_general_ticket_and_admits_a_vip_once(lounge):
    event, general, vip, lounge, staff, organizer = lounge
    general_ticket = ticket_of_type(event, general)
    vip_ticket = ticket_of_type(event, vip)
    refused = scan(staff, event, general_ticket, lounge).json()
    assert (refused["status"], refused["reason"]) == ("rejected", "wrong_list")
    assert refused["list"] == {"id": lounge.id, "name": "VIP lounge"}
    admitted = scan(staff, event, vip_ticket, lounge).json()
    assert admitted["status"] == "accepted"
    assert admitted["first_gate"] == "Lounge door"
    again = scan(staff, event, vip_ticket, lounge).json()
    assert (again["status"], again["reason"]) == ("rejected", "duplicate")
    assert again["first_checked_in_at"] == admitted["first_checked_in_at"]
    # The lounge is not the entry: the event's counters are Entry's.
    assert again["counters"]["checked_in"] == 0
    assert ListAdmission.objects.filter(ticket=vip_ticket, checkin_list=lounge).count() == 1
    entry = scan(staff, event, vip_ticket).json()
    assert entry["status"] == "accepted" and entry["counters"]["checked_in"] == 1
    assert entry["list"]["name"] == "Entry"
    lists = organizer.get(lists_url(event)).json()
    assert [row["checked_in"] for row in lists] == [1, 1]
    log = staff.get(f"/api/attendance/?event={event.id}").json()["results"]
    assert {row["list"]["name"] if row["list"] else "Entry" for row in log} == {
        "VIP lounge",
        "Entry",
    }
    assert Scan.objects.filter(reason="wrong_list", checkin_list=lounge).count() == 1


def test_going_out_on_a_list_leaves_the_venue(lounge):
    event, _, vip, lounge, staff, _ = lounge
    ticket = ticket_of_type(event, vip)
    scan(staff, event, ticket)
    out = scan(staff, event, ticket, lounge, direction="out").json()
    assert out["status"] == "accepted" and out["counters"]["inside"] == 0


@pytest.mark.parametrize("bad", [999_999, "lounge", 0])
def test_an_unknown_list_is_400_with_fields_and_logs_nothing(lounge, bad):
    event, _, vip, _, staff, _ = lounge
    ticket = ticket_of_type(event, vip)
    body = {"code": code_of(ticket), "event": event.id, "gate": "Main", "list": bad}
    response = staff.post(VALIDATE, body, format="json")
    assert response.status_code == 400 and "list" in response.json()["fields"]
    assert not Scan.objects.exists()


def test_a_list_of_another_event_is_400_at_the_door(lounge):
    event, _, vip, _, staff, _ = lounge
    _, _, _, other_lounge = lounge_event()
    ticket = ticket_of_type(event, vip)
    response = scan(staff, event, ticket, other_lounge)
    assert response.status_code == 400 and "list" in response.json()["fields"]


def test_an_entry_list_named_explicitly_is_the_entry(lounge):
    event, general, _, _, staff, _ = lounge
    ticket = ticket_of_type(event, general)
    entry = CheckinList.objects.get(event=event, is_default=True)
    body = scan(staff, event, ticket, entry).json()
    assert body["status"] == "accepted" and body["counters"]["checked_in"] == 1
    assert body["list"] == {"id": entry.id, "name": "Entry"}


SYNC = "/api/attendance/sync/"


def offline_scan(scan_id, ticket, checkin_list):
    from datetime import timedelta

    from django.utils import timezone

    return {
        "client_scan_id": scan_id,
        "code": code_of(ticket),
        "gate": "Lounge door",
        "scanned_at": (timezone.now() - timedelta(minutes=3)).isoformat(),
        "list": checkin_list.id,
    }


def sync(client, event, device, scans):
    return client.post(
        SYNC, {"event": event.id, "device_id": device, "scans": scans}, format="json"
    )


def test_offline_scans_on_a_list_admit_once_per_list(lounge):
    event, general, vip, lounge, staff, _ = lounge
    vip_ticket, general_ticket = ticket_of_type(event, vip), ticket_of_type(event, general)
    first = sync(
        staff,
        event,
        "phone-1",
        [
            offline_scan("a", vip_ticket, lounge),
            offline_scan("b", vip_ticket, lounge),
            offline_scan("c", general_ticket, lounge),
        ],
    )
    assert first.status_code == 200, first.content
    outcomes = [(r["outcome"], r["reason"]) for r in first.json()["results"]]
    assert outcomes == [("accepted", None), ("duplicate", None), ("rejected", "wrong_list")]
    assert first.json()["counters"]["checked_in"] == 0
    other = sync(staff, event, "phone-2", [offline_scan("a", vip_ticket, lounge)]).json()
    assert other["results"][0]["outcome"] == "offline_conflict"
    assert ListAdmission.objects.filter(ticket=vip_ticket).count() == 1


def test_a_sync_naming_an_unknown_list_is_400_and_takes_nothing(lounge):
    event, _, vip, lounge, staff, _ = lounge
    ticket = ticket_of_type(event, vip)
    bad = {**offline_scan("b", ticket, lounge), "list": 999_999}
    response = sync(staff, event, "phone-1", [offline_scan("a", ticket, lounge), bad])
    assert response.status_code == 400 and "list" in response.json()["fields"]
    assert not Scan.objects.exists() and not ListAdmission.objects.exists()


def test_the_door_kit_carries_lists_types_and_admissions(lounge):
    event, general, vip, lounge, staff, _ = lounge
    vip_ticket, general_ticket = ticket_of_type(event, vip), ticket_of_type(event, general)
    cursor = staff.get(f"/api/events/{event.id}/door-kit/").json()["cursor"]
    scan(staff, event, vip_ticket, lounge)
    kit = staff.get(f"/api/events/{event.id}/door-kit/").json()
    entry = CheckinList.objects.get(event=event, is_default=True)
    assert kit["lists"] == [
        {"id": entry.id, "name": "Entry", "is_default": True, "ticket_types": []},
        {"id": lounge.id, "name": "VIP lounge", "is_default": False, "ticket_types": [vip.id]},
    ]
    tickets = {row["id"]: row for row in kit["tickets"]}
    assert tickets[vip_ticket.id]["lists"] == [lounge.id]
    assert tickets[vip_ticket.id]["ticket_type_id"] == vip.id
    assert tickets[general_ticket.id]["lists"] == []
    changed = staff.get(f"/api/events/{event.id}/door-kit/?since={cursor}").json()
    assert [row["lists"] for row in changed["tickets"] if row["id"] == vip_ticket.id] == [
        [lounge.id]
    ]


def test_analytics_count_each_list_and_the_event_counts_entry(lounge):
    event, general, vip, lounge, staff, organizer = lounge
    vip_ticket, general_ticket = ticket_of_type(event, vip), ticket_of_type(event, general)
    scan(staff, event, vip_ticket, lounge)
    scan(staff, event, general_ticket)
    body = organizer.get(f"/api/admin/analytics/?event={event.id}").json()
    assert [(row["name"], row["checked_in"]) for row in body["by_list"]] == [
        ("Entry", 1),
        ("VIP lounge", 1),
    ]
    assert body["checked_in"] == 1
