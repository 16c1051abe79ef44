"""The transactional outbox: side effects that must not be lost, done exactly when their cause
commits, by a worker that retries them.

A service calls `outbox_put(topic=..., payload=...)` inside its transaction: the message is a
row written with the change, so it exists if and only if the change does. The worker
(`manage.py run_worker` in `make run`, a Celery task in production) claims due messages with
`SELECT ... FOR UPDATE SKIP LOCKED`, so any number of workers share the queue, and hands each
to the handler registered for its topic. A claim is a lease: `run_after` moves a few minutes
ahead, so the message of a worker that died mid-way becomes due again by itself. A failure
is retried with exponential backoff; after MAX_ATTEMPTS the message is marked failed and
logged (an operator may set it pending again).

Why our own table and not django-post-office: post-office stores a finished e-mail, so the
ticket QR images would be drawn in the web process at booking time (the slowdown this
replaces), and it carries e-mails only; refunds and pushes to a main server need the same
guarantee.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from .models import OutboxMessage, OutboxState

logger = logging.getLogger(__name__)

Handler = Callable[[dict[str, Any]], None]
_HANDLERS: dict[str, Handler] = {}
LEASE = timedelta(minutes=5)
MAX_ATTEMPTS = 12  # with the backoff below: about a day and a half of retrying
BATCH = 20


def handles(topic: str) -> Callable[[Handler], Handler]:
    """Register the function that does the work of `topic` (imported by the app's ready())."""

    def register(function: Handler) -> Handler:
        if _HANDLERS.get(topic, function) is not function:
            raise ValueError(f"two handlers for outbox topic {topic!r}")
        _HANDLERS[topic] = function
        return function

    return register


def outbox_put(
    *,
    topic: str,
    payload: dict[str, Any],
    dedupe_key: str | None = None,
    delay: timedelta | None = None,
    new: bool = False,
) -> None:
    """Queue work in the caller's transaction. With a `dedupe_key` already queued, nothing.
    `new`: the caller knows the key cannot be queued yet (it names a row created in this very
    transaction), so the row is written without the savepoint that catches a repeat (two
    round trips less on the booking path)."""
    if topic not in _HANDLERS:
        raise ValueError(f"no handler for outbox topic {topic!r}")
    if new:
        OutboxMessage.objects.create(
            topic=topic,
            payload=payload,
            dedupe_key=dedupe_key,
            run_after=timezone.now() + (delay or timedelta()),
        )
        transaction.on_commit(_wake_worker)
        return
    try:
        with transaction.atomic():
            OutboxMessage.objects.create(
                topic=topic,
                payload=payload,
                dedupe_key=dedupe_key,
                run_after=timezone.now() + (delay or timedelta()),
            )
    except IntegrityError:
        if dedupe_key is None or not OutboxMessage.objects.filter(dedupe_key=dedupe_key).exists():
            raise
        return
    transaction.on_commit(_wake_worker)


def _wake_worker() -> None:
    """Tell a worker there is work now, instead of at its next poll."""
    if settings.QE_OUTBOX_DRAIN_ON_COMMIT:  # tests: do it right here
        outbox_drain()
        return
    if settings.CELERY_BROKER_URL:
        from celery import current_app

        try:
            # By name (common.tasks.outbox_drain_task): that module imports this one.
            current_app.send_task("common.outbox_drain")
        except Exception:  # broker down: the beat schedule and the next poll catch up
            logger.warning("could not wake the outbox worker", exc_info=True)


def _backoff(attempts: int) -> timedelta:
    return timedelta(seconds=min(settings.QE_OUTBOX_RETRY_SECONDS * 2 ** (attempts - 1), 6 * 3600))


def _claim(limit: int) -> list[OutboxMessage]:
    now = timezone.now()
    with transaction.atomic():
        due = list(
            OutboxMessage.objects.select_for_update(skip_locked=True)
            .filter(state=OutboxState.PENDING, run_after__lte=now)
            .order_by("run_after", "id")[:limit]
        )
        if due:
            OutboxMessage.objects.filter(id__in=[m.id for m in due]).update(
                run_after=now + LEASE, attempts=F("attempts") + 1
            )
    for message in due:
        message.attempts += 1
    return due


def _run(message: OutboxMessage) -> bool:
    handler = _HANDLERS.get(message.topic)
    try:
        if handler is None:
            raise LookupError(f"no handler for outbox topic {message.topic!r}")
        handler(message.payload)
    except Exception:  # any failure of the side effect: keep the message and retry it later
        error = traceback.format_exc(limit=5)
        gave_up = message.attempts >= MAX_ATTEMPTS
        OutboxMessage.objects.filter(id=message.id).update(
            state=OutboxState.FAILED if gave_up else OutboxState.PENDING,
            run_after=timezone.now() + _backoff(message.attempts),
            last_error=error[-4000:],
        )
        log = logger.error if gave_up else logger.warning
        log(
            "outbox %s #%s failed (attempt %s)%s: %s",
            message.topic,
            message.id,
            message.attempts,
            ", giving up" if gave_up else "",
            error.strip().splitlines()[-1],
        )
        return False
    OutboxMessage.objects.filter(id=message.id).update(
        state=OutboxState.DONE, done_at=timezone.now(), last_error=""
    )
    return True


def outbox_drain(*, limit: int | None = None) -> int:
    """Do every message that is due now (at most `limit`); returns how many succeeded."""
    done = 0
    remaining = limit
    while remaining is None or remaining > 0:
        batch = _claim(BATCH if remaining is None else min(BATCH, remaining))
        if not batch:
            break
        for message in batch:
            done += _run(message)
        if remaining is not None:
            remaining -= len(batch)
    return done
