"""Run slow side effects (e-mail) after the answer, in a small in-process thread pool.

This is the embedded default; a production queue can replace `run_in_background` without
touching callers. Failures are retried a few times and logged; they never reach the request.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor

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


def run_in_background(task: Callable[..., None], *args: object) -> Future | None:
    if settings.QE_BACKGROUND_EAGER:
        _run_with_retries(task, *args)
        return None
    return _executor.submit(_run_in_worker_thread, task, *args)
