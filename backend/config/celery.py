"""Celery, for slow side effects in production (CELERY_BROKER_URL set, Redis as broker).
Without a broker the embedded default runs them in-process after commit instead."""

import os

from celery import Celery

os.environ.setdefault(
    "DJANGO_SETTINGS_MODULE", f"config.settings.{os.environ.get('DJANGO_ENV', 'local')}"
)
app = Celery("qr_entry")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
