import pytest
from django.db import OperationalError

from common.db import atomic_with_retry
from events.models import Event
from events.tests.factories import EventFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_deadlock_victim_is_run_again():
    event = EventFactory(capacity=10)
    attempts = []

    def work():
        attempts.append(1)
        Event.objects.filter(id=event.id).update(capacity=len(attempts) + 10)
        if len(attempts) == 1:
            raise OperationalError(1213, "Deadlock found when trying to get lock")
        return "done"

    assert atomic_with_retry(work) == "done"
    assert len(attempts) == 2
    event.refresh_from_db()
    assert event.capacity == 12  # the first attempt was rolled back


def test_other_errors_are_not_retried():
    attempts = []

    def work():
        attempts.append(1)
        raise OperationalError(2006, "MySQL server has gone away")

    with pytest.raises(OperationalError):
        atomic_with_retry(work)
    assert len(attempts) == 1
