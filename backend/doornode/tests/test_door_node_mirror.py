"""The door node's database side: a door kit from the main server applied to an empty
database gives the same event and tickets (same ids, names, backup codes, admissions), the
door account may scan there, and pushing records what the main server answered. The whole
node, two processes and a stopped main server, is e2e/test_door_node.py."""

import pytest
from django.utils import timezone

from attendance.models import Scan
from attendance.tests.helpers import code_of, live_event, tickets_for
from bookings.models import Booking, BookingItem, Ticket
from conftest import client_for
from doornode import selectors, services
from events.models import Event, EventStaff, TicketType
from events.tests.factories import staff_accepted
from users.models import User
from users.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _kit_from_main_then_forget_it():
    event = live_event(capacity=10)
    staff = UserFactory()
    staff_accepted(event, staff)
    client = client_for(staff)
    [a, b, c] = tickets_for(event, 3, holder=UserFactory(name="Nina Night"))
    client.post(
        "/api/attendance/validate/",
        {"event": event.id, "code": code_of(a), "gate": "Online"},
        format="json",
    )
    kit = client.get(f"/api/events/{event.id}/door-kit/").json()
    codes = {t.id: code_of(t) for t in (a, b, c)}
    # The door node's database starts empty: forget the main server's rows.
    Scan.objects.all().delete()
    Ticket.objects.all().delete()
    BookingItem.objects.all().delete()
    Booking.objects.all().delete()
    EventStaff.objects.all().delete()
    TicketType.objects.all().delete()
    Event.objects.all().delete()
    return kit, codes, (a.id, b.id, c.id)


def test_a_door_kit_applied_to_an_empty_database_mirrors_the_event():
    kit, codes, (a, b, c) = _kit_from_main_then_forget_it()
    assert services.door_mirror_apply(kit=kit) == 3
    event = Event.objects.get(id=kit["event"]["id"])
    assert (event.tickets_sold, event.checked_in_count, event.inside_count) == (3, 1, 1)
    mirrored = {t.id: t for t in Ticket.objects.select_related("booking__user")}
    assert set(mirrored) == {a, b, c}
    assert mirrored[b].holder_name == "Nina Night"
    assert mirrored[a].checked_in_at is not None
    assert not User.objects.get(id=mirrored[b].booking.user_id).has_usable_password()
    # Applying it again (the next pull overlaps) changes nothing.
    services.door_mirror_apply(kit=kit)
    assert Ticket.objects.count() == 3
    assert Event.objects.get(id=event.id).checked_in_count == 1

    door = services.door_account_ensure(
        event_id=event.id, email="Door@Example.test", password="a-door-pass"
    )
    assert door.check_password("a-door-pass")
    client = client_for(door)
    scan = lambda code: client.post(  # noqa: E731
        "/api/attendance/validate/", {"event": event.id, "code": code, "gate": "Node"}
    ).json()
    assert (scan(codes[a])["status"], scan(codes[a])["reason"]) == ("rejected", "duplicate")
    assert scan(codes[b])["status"] == "accepted"


def test_an_admission_upstream_reaches_the_node_but_never_undoes_one_made_here():
    kit, codes, (_, b, c) = _kit_from_main_then_forget_it()
    services.door_mirror_apply(kit=kit)
    event = Event.objects.get(id=kit["event"]["id"])
    door = services.door_account_ensure(event_id=event.id, email="d@example.test", password="p")
    client_for(door).post(
        "/api/attendance/validate/", {"event": event.id, "code": codes[c], "gate": "Node"}
    )
    now = timezone.now().isoformat()
    changes = {
        **kit,
        "full": False,
        "tickets": [
            {**t, "checked_in_at": now, "checked_in_gate": "Online", "inside": True}
            if t["id"] == b
            else t
            for t in kit["tickets"]
            if t["id"] in (b, c)
        ],
    }
    services.door_mirror_apply(kit=changes)
    assert Ticket.objects.get(id=b).checked_in_gate == "Online"
    assert Ticket.objects.get(id=c).checked_in_gate == "Node"
    assert Event.objects.get(id=event.id).checked_in_count == 3

    pending = selectors.door_scans_to_push(event_id=event.id, limit=10)
    assert [s.ticket_id for s in pending] == [c]
    conflicts = services.door_push_record(
        results=[{"client_scan_id": str(pending[0].id), "outcome": "offline_conflict"}],
        pushed=pending,
    )
    assert [s.ticket_id for s in conflicts] == [c]
    assert selectors.door_scans_to_push(event_id=event.id, limit=10) == []
    assert [s.ticket_id for s in selectors.door_conflicts(event_id=event.id)] == [c]
