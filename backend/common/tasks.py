"""Celery tasks of the production profile: drain the outbox (woken after each commit that
queued something, and every few seconds by beat) and run the periodic jobs."""

from celery import shared_task

from .jobs import PERIODIC_JOBS
from .outbox import outbox_drain


@shared_task(name="common.outbox_drain", ignore_result=True)
def outbox_drain_task() -> int:
    return outbox_drain()


@shared_task(name="common.periodic_job", ignore_result=True)
def periodic_job_task(name: str) -> None:
    PERIODIC_JOBS[name].run()
