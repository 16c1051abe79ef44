"""max_uses under real concurrency: threads with their own connections on MariaDB (the
Hi.Events #1223 and eventyay #1398 failure: a code limited to N used more often)."""

from collections import Counter
from decimal import Decimal

import pytest

from bookings.models import Booking
from bookings.tests.helpers import assert_seats_consistent
from common.tests.concurrency import race
from conftest import client_for
from events.models import Code
from events.tests.factories import EventFactory
from users.tests.factories import UserFactory

pytestmark = [pytest.mark.mysql, pytest.mark.django_db(transaction=True)]


def test_64_bookers_with_a_code_of_max_uses_5_use_it_exactly_5_times():
    event = EventFactory(capacity=200, price=Decimal("10.00"))
    code = Code.objects.create(event=event, code="FIVE", percent_off=Decimal("100"), max_uses=5)
    clients = [client_for(UserFactory()) for _ in range(64)]
    responses = race(
        [
            (
                lambda c=c: c.post(
                    "/api/book-ticket/",
                    {"event": event.id, "quantity": 1, "code": "five"},
                    format="json",
                )
            )
            for c in clients
        ]
    )
    statuses = Counter(r.status_code for r in responses)
    assert statuses == {201: 5, 409: 59}, statuses
    assert {r.json()["code"] for r in responses if r.status_code == 409} == {"code_used_up"}
    code.refresh_from_db()
    assert code.uses == 5
    assert Booking.objects.filter(event=event, code=code).count() == 5
    assert assert_seats_consistent(event) == 5
