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
