"""Offline scans uploaded at the same moment, on MariaDB: still admitted once."""

from collections import Counter
from datetime import timedelta

import pytest
from django.utils import timezone

from attendance.models import RejectReason, Scan
from attendance.tests.helpers import code_of, live_event, tickets_for
from bookings.models import Ticket
from bookings.services import booking_cancel
from common.tests.concurrency import race
from conftest import client_for
from events.models import Event
from events.tests.factories import staff_accepted
from users.tests.factories import UserFactory

pytestmark = [pytest.mark.mysql, pytest.mark.django_db(transaction=True)]
SYNC = "/api/attendance/sync/"


def device_clients(event, count):
    clients = []
    for _ in range(count):
        staff = UserFactory()
        staff_accepted(event, staff)
        clients.append(client_for(staff))
    return clients


def upload(client, event, device, scans):
    return lambda: client.post(
        SYNC, {"event": event.id, "device_id": device, "scans": scans}, format="json"
    )


def admitted_offline(scan_id, code, minutes_ago=3):
    at = timezone.now() - timedelta(minutes=minutes_ago)
    return {"client_scan_id": scan_id, "code": code, "gate": "Main", "scanned_at": at.isoformat()}


def test_one_ticket_admitted_offline_by_5_devices_synced_at_once_is_admitted_once():
    event = live_event()
    [ticket] = tickets_for(event)
    clients = device_clients(event, 5)
    responses = race(
        [
            upload(c, event, f"phone-{n}", [admitted_offline("s1", code_of(ticket), n)])
            for n, c in enumerate(clients)
        ]
    )
    assert {r.status_code for r in responses} == {200}
    outcomes = Counter(r.json()["results"][0]["outcome"] for r in responses)
    assert outcomes == {"accepted": 1, "offline_conflict": 4}
    assert Scan.objects.filter(ticket=ticket, reason=RejectReason.OFFLINE_CONFLICT).count() == 4
    assert Scan.objects.filter(ticket=ticket, result="accepted").count() == 1
    event.refresh_from_db()
    assert (event.checked_in_count, event.inside_count) == (1, 1)


def test_the_same_batch_uploaded_5_times_at_once_admits_each_ticket_once():
    event = live_event()
    tickets = tickets_for(event, 6)
    [client] = device_clients(event, 1)
    batch = [admitted_offline(f"s{t.id}", code_of(t)) for t in tickets]
    responses = race([upload(client, event, "phone-a", batch) for _ in range(5)])
    assert {r.status_code for r in responses} == {200}
    answers = [[item["outcome"] for item in r.json()["results"]] for r in responses]
    assert all(answer == ["accepted"] * 6 for answer in answers)
    assert Scan.objects.filter(event=event).count() == 6
    event.refresh_from_db()
    assert event.checked_in_count == 6
    assert Ticket.objects.filter(event=event, checked_in_at__isnull=True).count() == 0


def test_a_ticket_cancelled_while_a_device_admitted_it_offline_is_reported():
    event = live_event()
    [ticket, other] = tickets_for(event, 1) + tickets_for(event, 1)
    [client] = device_clients(event, 1)
    booking_cancel(booking=ticket.booking, actor=event.organizer)
    responses = race(
        [
            upload(client, event, "phone-b", [admitted_offline("c1", code_of(ticket))]),
            upload(client, event, "phone-c", [admitted_offline("c2", code_of(other))]),
        ]
    )
    results = [r.json()["results"][0] for r in responses]
    assert (results[0]["outcome"], results[0]["reason"]) == ("rejected", "cancelled")
    assert results[1]["outcome"] == "accepted"
    assert Event.objects.get(id=event.id).checked_in_count == 1
