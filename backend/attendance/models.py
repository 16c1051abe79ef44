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
    # The ticket was transferred: this is its old code (or old backup code).
    REVOKED = "revoked", "Ticket transferred: old code"
    WRONG_EVENT = "wrong_event", "Ticket for another event"
    NOT_STARTED = "not_started", "Check-in not open yet"
    EXPIRED = "expired", "Event is over"
    NOT_INSIDE = "not_inside", "Exit of a ticket that is not inside"
    # The ticket's type is not on the list scanned against (a general ticket at the VIP lounge).
    WRONG_LIST = "wrong_list", "Ticket type not on this check-in list"
    # Synced from an offline device that admitted a ticket already admitted elsewhere: two
    # people got in on one ticket.
    OFFLINE_CONFLICT = "offline_conflict", "Admitted offline, but admitted elsewhere already"

    @classmethod
    def of_status(cls, status: str) -> "RejectReason":
        """The refusal of a ticket that is not valid: transferred away (an old code), else
        cancelled (or its event), or not paid for yet."""
        return cls.REVOKED if status == "revoked" else cls.CANCELLED


class Direction(models.TextChoices):
    IN = "in", "In"
    OUT = "out", "Out"


class ScanMethod(models.TextChoices):
    QR = "qr", "QR code"
    BACKUP_CODE = "backup_code", "Backup code typed"
    MANUAL = "manual", "Manual check-in (found by search)"


class Scan(models.Model):
    """One scan at the door, accepted or not, or an undone check-in: the attendance log."""

    # No database foreign key to the event: a key check would take a shared lock on the
    # event row, which the check-in transaction then updates (its counter); shared locks
    # upgraded to exclusive by many scans at once deadlock. The service sets a real event.
    # CASCADE is Django's: deleting an event (only one that never had a booking) deletes its
    # log of refused scans with it.
    event = models.ForeignKey(
        "events.Event", on_delete=models.CASCADE, related_name="scans", db_constraint=False
    )
    ticket = models.ForeignKey(
        "bookings.Ticket", null=True, blank=True, on_delete=models.PROTECT, related_name="scans"
    )
    scanner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="scans"
    )
    gate = models.CharField(max_length=64)
    # The check-in list scanned against; NULL for scans made before lists existed (Entry).
    # No database foreign key, for the reason given on `event`.
    checkin_list = models.ForeignKey(
        "events.CheckinList",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_constraint=False,
    )
    result = models.CharField(max_length=16, choices=ScanResult.choices)
    reason = models.CharField(max_length=16, choices=RejectReason.choices, blank=True)
    # Several duplicate attempts on one ticket: probably a shared screenshot.
    suspected_sharing = models.BooleanField(default=False)
    scanned_at = models.DateTimeField(default=timezone.now)
    direction = models.CharField(max_length=3, choices=Direction.choices, default=Direction.IN)
    method = models.CharField(max_length=16, choices=ScanMethod.choices, default=ScanMethod.QR)
    # Made offline by a device and uploaded later through sync (scanned_at is the device's
    # time); idempotent by (event, scanner, device_id, client_scan_id): per uploader, so
    # nobody can take another's scan ids by naming their device. NULLs never collide (online
    # scans), in MySQL's unique indexes too: no partial index needed.
    device_id = models.CharField(max_length=64, blank=True)
    client_scan_id = models.CharField(max_length=64, null=True, blank=True)  # noqa: DJ001
    synced_at = models.DateTimeField(null=True, blank=True)
    # Door node only: when this local scan reached the main server, and what it said there.
    pushed_at = models.DateTimeField(null=True, blank=True)
    upstream_outcome = models.CharField(max_length=32, blank=True)

    class Meta:
        db_table = "attendance"
        constraints = [
            models.UniqueConstraint(
                fields=["event", "scanner", "device_id", "client_scan_id"],
                name="scan_client_scan_per_uploader",
            ),
        ]
        indexes = [
            models.Index(fields=["event", "-scanned_at"], name="scan_timeline_idx"),
            models.Index(fields=["ticket", "reason"], name="scan_ticket_reason_idx"),
            # Offline conflicts of one event (analytics): counted from the index alone.
            models.Index(fields=["event", "reason"], name="scan_event_reason_idx"),
            # The door node's queue of scans still to push upstream.
            models.Index(fields=["pushed_at", "id"], name="scan_push_queue_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.result} {self.reason} at {self.gate}"


class ListAdmission(models.Model):
    """A ticket admitted on a check-in list other than the event's Entry (whose admission is
    the ticket's own checked_in_at). The unique constraint makes it once per (ticket, list),
    whatever number of gates scan at once: the second INSERT fails and is refused."""

    ticket = models.ForeignKey("bookings.Ticket", on_delete=models.PROTECT, related_name="+")
    # No database foreign key, for the reason given on Scan.event.
    checkin_list = models.ForeignKey(
        "events.CheckinList",
        on_delete=models.CASCADE,
        related_name="admissions",
        db_constraint=False,
    )
    admitted_at = models.DateTimeField()
    gate = models.CharField(max_length=64, blank=True)
    scanner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["ticket", "checkin_list"], name="list_admission_once_per_ticket"
            ),
        ]
        indexes = [models.Index(fields=["checkin_list", "admitted_at"], name="list_admission_idx")]

    def __str__(self) -> str:
        return f"Ticket {self.ticket_id} on list {self.checkin_list_id}"
