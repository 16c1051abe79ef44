"""The outbox: work written with its cause, done after the commit, retried until it works,
never lost with a worker and never done twice by two workers."""

from datetime import timedelta

import pytest
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from common import outbox
from common.models import OutboxMessage, OutboxState
from common.tests.concurrency import race

pytestmark = pytest.mark.django_db
calls: list[dict] = []
failures_left = {"n": 0}


@outbox.handles("test.record")
def _record(payload: dict) -> None:
    if failures_left["n"]:
        failures_left["n"] -= 1
        raise ConnectionError("mail server down")
    calls.append(payload)


@pytest.fixture(autouse=True)
def _reset():
    calls.clear()
    failures_left["n"] = 0


@override_settings(QE_OUTBOX_DRAIN_ON_COMMIT=False)
def test_work_exists_only_if_its_cause_committed():
    with pytest.raises(RuntimeError), transaction.atomic():
        outbox.outbox_put(topic="test.record", payload={"n": 1})
        raise RuntimeError("the change failed")
    assert not OutboxMessage.objects.exists()
    with transaction.atomic():
        outbox.outbox_put(topic="test.record", payload={"n": 2})
    assert outbox.outbox_drain() == 1
    assert calls == [{"n": 2}]
    assert OutboxMessage.objects.get().state == OutboxState.DONE
    assert outbox.outbox_drain() == 0  # done once


@override_settings(QE_OUTBOX_DRAIN_ON_COMMIT=False, QE_OUTBOX_RETRY_SECONDS=30)
def test_a_failure_is_retried_later_with_backoff_until_it_works():
    failures_left["n"] = 2
    outbox.outbox_put(topic="test.record", payload={"n": 3})
    assert outbox.outbox_drain() == 0
    message = OutboxMessage.objects.get()
    assert message.state == OutboxState.PENDING and message.attempts == 1
    assert "mail server down" in message.last_error
    assert message.run_after > timezone.now() + timedelta(seconds=25)
    assert outbox.outbox_drain() == 0  # not due yet
    OutboxMessage.objects.update(run_after=timezone.now())
    outbox.outbox_drain()
    message.refresh_from_db()
    assert message.attempts == 2
    assert message.run_after > timezone.now() + timedelta(seconds=55)  # doubled
    OutboxMessage.objects.update(run_after=timezone.now())
    assert outbox.outbox_drain() == 1
    assert calls == [{"n": 3}]


@override_settings(QE_OUTBOX_DRAIN_ON_COMMIT=False, QE_OUTBOX_RETRY_SECONDS=0)
def test_it_gives_up_after_max_attempts_and_keeps_the_message():
    failures_left["n"] = 10_000
    outbox.outbox_put(topic="test.record", payload={"n": 4})
    for _ in range(outbox.MAX_ATTEMPTS + 3):
        OutboxMessage.objects.filter(state=OutboxState.PENDING).update(run_after=timezone.now())
        outbox.outbox_drain()
    message = OutboxMessage.objects.get()
    assert (message.state, message.attempts) == (OutboxState.FAILED, outbox.MAX_ATTEMPTS)


@override_settings(QE_OUTBOX_DRAIN_ON_COMMIT=False)
def test_a_dedupe_key_queues_the_work_once():
    for _ in range(3):
        with transaction.atomic():
            outbox.outbox_put(topic="test.record", payload={"n": 5}, dedupe_key="once:5")
    assert OutboxMessage.objects.count() == 1


@override_settings(QE_OUTBOX_DRAIN_ON_COMMIT=False)
def test_work_of_a_worker_that_died_is_done_after_its_lease():
    outbox.outbox_put(topic="test.record", payload={"n": 6})
    [claimed] = outbox._claim(10)  # a worker took it ... and was killed before doing it
    assert outbox.outbox_drain() == 0  # leased: nobody else takes it meanwhile
    OutboxMessage.objects.filter(id=claimed.id).update(
        run_after=timezone.now() - timedelta(seconds=1)
    )  # the lease ran out
    assert outbox.outbox_drain() == 1
    assert calls == [{"n": 6}]


def test_an_unknown_topic_is_refused_when_queued():
    with pytest.raises(ValueError):
        outbox.outbox_put(topic="test.nobody-handles-this", payload={})


@pytest.mark.mysql
@pytest.mark.django_db(transaction=True)
@override_settings(QE_OUTBOX_DRAIN_ON_COMMIT=False)
def test_parallel_workers_do_each_message_exactly_once():
    OutboxMessage.objects.bulk_create(
        OutboxMessage(topic="test.record", payload={"n": n}) for n in range(200)
    )
    done = race([outbox.outbox_drain for _ in range(6)])
    assert sum(done) == 200
    assert sorted(call["n"] for call in calls) == list(range(200))
    assert not OutboxMessage.objects.exclude(state=OutboxState.DONE).exists()
