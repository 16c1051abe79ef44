"""The validate answer and the live door's scan message are built as plain dicts on the hot
path (serializers.validate_result_data, scan_message_data); the DRF serializers describe the
contract. Every kind of outcome must come out the same both ways."""

import pytest

from attendance import services
from attendance.serializers import (
    ScanMessageSerializer,
    UndoResultSerializer,
    ValidateResultSerializer,
    scan_data,
    scan_message_data,
    validate_result_data,
)
from attendance.tests.helpers import code_of, live_event, tickets_for
from events.tests.factories import EventFactory
from users.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def outcomes():
    event = live_event(allow_reentry=True, title="Night", venue="Hall")
    organizer = event.organizer
    first, second, third = tickets_for(event, quantity=3, holder=UserFactory(name="Ada"))
    other = live_event(organizer=organizer, title="Matinee")
    [elsewhere] = tickets_for(other)

    def scan(code, gate="main", **options):
        return services.ticket_scan(scanner=organizer, event=event, code=code, gate=gate, **options)

    yield scan(code_of(first), gate="North")  # accepted
    yield scan(code_of(first), gate="South")  # duplicate, with the first admission
    yield scan(code_of(first), gate="South")  # suspected sharing
    yield scan(code_of(first), gate="North", direction="out")  # out
    yield scan(code_of(first), gate="East")  # re-entry
    yield scan(code_of(second), direction="out")  # not inside
    yield scan(second.backup_code, device_id="phone-1")  # by backup code
    yield scan("QE1.not-a-code")  # fake
    yield scan(code_of(elsewhere))  # wrong event, named
    yield services.ticket_check_in_manual(
        scanner=organizer, event=event, ticket_id=third.id, gate="Desk", direction="in"
    )
    later = EventFactory(organizer=organizer)
    [early] = tickets_for(later)
    yield services.ticket_scan(scanner=organizer, event=later, code=code_of(early), gate="A")


def test_the_plain_answers_equal_the_serializers_for_every_kind_of_outcome():
    seen = set()
    for outcome in outcomes():
        answer = validate_result_data(outcome)
        assert answer == ValidateResultSerializer(outcome).data
        message = {"scan": outcome, "counters": outcome.counters}
        assert scan_message_data(outcome) == ScanMessageSerializer(message).data
        assert scan_data(outcome) == UndoResultSerializer(message).data["scan"]
        seen.add((answer["status"], answer["reason"], answer["method"], answer["reentry"]))
    assert len(seen) >= 9  # the cases above are really different
