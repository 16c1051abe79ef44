from django.conf import settings
from django.db import models
from django.utils import timezone


class ScanResult(models.TextChoices):
    ACCEPTED = "accepted", "Accepted"
    REJECTED = "rejected", "Rejected"
    UNDONE = "undone", "Check-in undone"


class RejectReason(models.TextChoices):
    DUPLICATE = "duplicate", "Already checked in"
    FAKE = "fake", "Not a code we issued"
    CANCELLED = "cancelled", "Ticket cancelled"
    WRONG_EVENT = "wrong_event", "Ticket for another event"
    NOT_STARTED = "not_started", "Check-in not open yet"
    EXPIRED = "expired", "Event is over"


class Scan(models.Model):
    """One scan at the door, accepted or not, or an undone check-in: the attendance log."""

    # No database foreign key to the event: a key check would take a shared lock on the
    # event row, which the check-in transaction then updates (its counter); shared locks
    # upgraded to exclusive by many scans at once deadlock. The service sets a real event.
    event = models.ForeignKey(
        "events.Event", on_delete=models.DO_NOTHING, related_name="scans", db_constraint=False
    )
    ticket = models.ForeignKey(
        "bookings.Ticket", null=True, blank=True, on_delete=models.PROTECT, related_name="scans"
    )
    scanner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="scans"
    )
    gate = models.CharField(max_length=64)
    result = models.CharField(max_length=16, choices=ScanResult.choices)
    reason = models.CharField(max_length=16, choices=RejectReason.choices, blank=True)
    # Several duplicate attempts on one ticket: probably a shared screenshot.
    suspected_sharing = models.BooleanField(default=False)
    scanned_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "attendance"
        indexes = [
            models.Index(fields=["event", "-scanned_at"], name="scan_timeline_idx"),
            models.Index(fields=["ticket", "reason"], name="scan_ticket_reason_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.result} {self.reason} at {self.gate}"
