"""The background worker of `make run` (and of a door node): drains the outbox and runs the
periodic jobs, in a loop, until stopped. Several may run at once (SKIP LOCKED)."""

from __future__ import annotations

import logging
import signal
import threading
import time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import close_old_connections

from common.jobs import PERIODIC_JOBS
from common.outbox import outbox_drain

logger = logging.getLogger("common.worker")


class Command(BaseCommand):
    help = "Send queued e-mails and other outbox work, and run periodic jobs, until stopped."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--once", action="store_true", help="One round, then exit.")

    def handle(self, *args, once: bool = False, **options) -> None:
        stop = threading.Event()
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, lambda *_: stop.set())
        next_run = {name: 0.0 for name in PERIODIC_JOBS}
        poll = settings.QE_WORKER_POLL_SECONDS
        logger.info("worker started: outbox every %ss, jobs %s", poll, sorted(PERIODIC_JOBS))
        while not stop.is_set():
            close_old_connections()
            try:
                outbox_drain()
                now = time.monotonic()
                for name, job in PERIODIC_JOBS.items():
                    if now >= next_run[name]:
                        next_run[name] = now + job.every_seconds
                        job.run()
            except Exception:  # the database is away for a moment: log, wait, go on
                logger.exception("worker round failed")
            if once:
                break
            stop.wait(poll)
        logger.info("worker stopped")
