"""Exactly-once admission under real concurrency on MariaDB."""

from collections import Counter

import pytest

from attendance.models import Scan
from attendance.tests.helpers import code_of, live_event, tickets_for
from bookings.models import Ticket
from common.tests.concurrency import race
from conftest import client_for
from events.models import Event
from events.tests.factories import staff_accepted
from users.tests.factories import UserFactory

pytestmark = [pytest.mark.mysql, pytest.mark.django_db(transaction=True)]


def gate_clients(event, count):
    clients = []
    for _ in range(count):
        staff = UserFactory()
        staff_accepted(event, staff)
        clients.append(client_for(staff))
    return clients


def validate(client, event, code, gate):
    return lambda: client.post(
        "/api/attendance/validate/", {"code": code, "event": event.id, "gate": gate}
    )


def test_one_ticket_scanned_at_20_gates_at_once_is_admitted_once():
    event = live_event()
    [ticket] = tickets_for(event)
    clients = gate_clients(event, 20)
    responses = race(
        [validate(c, event, code_of(ticket), f"Gate {n}") for n, c in enumerate(clients)]
    )
    assert {r.status_code for r in responses} == {200}
    outcomes = Counter((r.json()["status"], r.json()["reason"]) for r in responses)
    assert outcomes == {("accepted", None): 1, ("rejected", "duplicate"): 19}
    assert Scan.objects.filter(ticket=ticket).count() == 20
    winner = next(r.json() for r in responses if r.json()["status"] == "accepted")
    for response in responses:
        assert response.json()["first_gate"] == winner["first_gate"]
    assert Event.objects.get(id=event.id).checked_in_count == 1


def test_many_different_tickets_at_once_are_all_admitted_once():
    event = live_event()
    tickets = []
    for _ in range(8):
        tickets += tickets_for(event, 4)
    clients = gate_clients(event, 4)
    calls = [validate(clients[n % 4], event, code_of(t), "Main") for n, t in enumerate(tickets)]
    # Every ticket twice, all at the same moment.
    responses = race(calls + calls)
    outcomes = Counter(r.json()["status"] for r in responses)
    assert outcomes == {"accepted": 32, "rejected": 32}
    assert Ticket.objects.filter(event=event, checked_in_at__isnull=False).count() == 32
    assert Event.objects.get(id=event.id).checked_in_count == 32
    assert Scan.objects.filter(event=event).count() == 64
