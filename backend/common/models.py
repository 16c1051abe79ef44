from django.db import models
from django.db.models import Q
from django.utils import timezone


class OutboxState(models.TextChoices):
    PENDING = "pending", "Pending"
    DONE = "done", "Done"
    FAILED = "failed", "Gave up"


class OutboxMessage(models.Model):
    """Work that must not be lost (an e-mail, a refund, a push upstream), written in the
    transaction of the change that causes it and done by the worker after it commits: retried
    with backoff, resumed after a crash, never lost with a process. See common/outbox.py."""

    topic = models.CharField(max_length=100)
    payload = models.JSONField(default=dict)
    # At most one message per key (NULL: no key; NULLs never collide in a unique index), so a
    # change seen twice (a retried request, a webhook delivered twice) queues its work once.
    dedupe_key = models.CharField(max_length=200, null=True, blank=True, unique=True)
    state = models.CharField(max_length=8, choices=OutboxState.choices, default=OutboxState.PENDING)
    created_at = models.DateTimeField(default=timezone.now)
    # When it may run next: now, after a backoff, or (while a worker holds it) after its lease.
    run_after = models.DateTimeField(default=timezone.now)
    attempts = models.PositiveSmallIntegerField(default=0)
    done_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)

    class Meta:
        indexes = [models.Index(fields=["state", "run_after"], name="outbox_due_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(state__in=OutboxState.values), name="outbox_state_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.topic} #{self.pk} ({self.state})"
