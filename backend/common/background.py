"""Run slow side effects (e-mail) after the answer.

With a Celery broker configured (production) they go to the worker as Celery tasks, retried
there. Without one (the embedded default) they run in a small in-process thread pool, with a
few retries. Either way a failure never reaches the request that queued the work.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from django.conf import settings
from django.db import connections

logger = logging.getLogger(__name__)
_executor = ThreadPoolExecutor(max_workers=2, thread_name_prefix="qe-background")
ATTEMPTS = 3


def _run_with_retries(task: Callable[..., None], *args: object) -> None:
    for attempt in range(1, ATTEMPTS + 1):
        try:
            task(*args)
            return
        except Exception:  # a side effect must never take the process down; log and retry
            logger.exception("background task %s failed (attempt %s)", task.__name__, attempt)
            if attempt < ATTEMPTS:
                time.sleep(settings.QE_BACKGROUND_RETRY_SECONDS * attempt)


def _run_in_worker_thread(task: Callable[..., None], *args: object) -> None:
    try:
        _run_with_retries(task, *args)
    finally:
        # The worker thread's connections would otherwise stay open for ever.
        connections.close_all()


def run_in_background(task: Callable[..., None], *args: object, celery_task=None) -> None:
    """Run `task(*args)` off the request; `celery_task` is its Celery form, used when a
    broker is configured."""
    if settings.QE_BACKGROUND_EAGER:
        _run_with_retries(task, *args)
        return
    if celery_task is not None and settings.CELERY_BROKER_URL:
        try:
            celery_task.delay(*args)
            return
        except Exception:  # broker unreachable: do it here rather than lose it
            logger.exception("could not queue %s; running it in-process", task.__name__)
    _executor.submit(_run_in_worker_thread, task, *args)
