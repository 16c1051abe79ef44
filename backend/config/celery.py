"""Celery, for slow side effects in production (CELERY_BROKER_URL set, Redis as broker).
Without a broker the embedded default runs them in-process after commit instead."""

from celery import Celery

from config import local_state

# Imported with the config package by every process: choose only, never write (see
# local_state).
local_state.choose_settings()
app = Celery("qr_entry")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.on_after_finalize.connect
def _schedule_periodic_work(sender, **kwargs) -> None:
    """Celery beat's schedule: the outbox every few seconds (commits also wake the worker at
    once), and every periodic job the apps registered (common.jobs)."""
    from common.jobs import PERIODIC_JOBS
    from common.tasks import outbox_drain_task, periodic_job_task

    sender.add_periodic_task(5.0, outbox_drain_task.s(), name="outbox")
    for job in PERIODIC_JOBS.values():
        sender.add_periodic_task(job.every_seconds, periodic_job_task.s(job.name), name=job.name)
