"""Once per (ticket, list) under real concurrency on MariaDB."""

from collections import Counter

import pytest

from attendance.models import ListAdmission
from attendance.tests.helpers import code_of
from attendance.tests.list_helpers import lounge_event, ticket_of_type
from attendance.tests.test_check_in_races import gate_clients
from common.tests.concurrency import race
from events.models import CheckinList, Event

pytestmark = [pytest.mark.mysql, pytest.mark.django_db(transaction=True)]


def validate(client, event, code, gate, checkin_list):
    body = {"code": code, "event": event.id, "gate": gate, "list": checkin_list.id}
    return lambda: client.post("/api/attendance/validate/", body, format="json")


def test_one_ticket_scanned_on_one_list_at_20_gates_is_admitted_once():
    event, _, vip, lounge = lounge_event()
    ticket = ticket_of_type(event, vip)
    clients = gate_clients(event, 20)
    responses = race(
        [validate(c, event, code_of(ticket), f"Gate {n}", lounge) for n, c in enumerate(clients)]
    )
    assert {r.status_code for r in responses} == {200}
    outcomes = Counter((r.json()["status"], r.json()["reason"]) for r in responses)
    assert outcomes == {("accepted", None): 1, ("rejected", "duplicate"): 19}
    assert ListAdmission.objects.filter(ticket=ticket, checkin_list=lounge).count() == 1
    assert Event.objects.get(id=event.id).checked_in_count == 0


def test_one_ticket_on_two_lists_at_once_is_admitted_once_on_each():
    event, _, vip, lounge = lounge_event()
    entry = CheckinList.objects.get(event=event, is_default=True)
    ticket = ticket_of_type(event, vip)
    clients = gate_clients(event, 20)
    calls = [
        validate(c, event, code_of(ticket), f"Gate {n}", lounge if n % 2 else entry)
        for n, c in enumerate(clients)
    ]
    responses = race(calls)
    assert {r.status_code for r in responses} == {200}
    accepted = Counter(
        r.json()["list"]["name"] for r in responses if r.json()["status"] == "accepted"
    )
    assert accepted == {"Entry": 1, "VIP lounge": 1}
    assert ListAdmission.objects.filter(ticket=ticket).count() == 1
    assert Event.objects.get(id=event.id).checked_in_count == 1
