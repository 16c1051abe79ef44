from django.conf import settings
from django.db import models
from django.db.models import Q


class BookingStatus(models.TextChoices):
    PENDING_PAYMENT = "pending_payment", "Pending payment"
    CONFIRMED = "confirmed", "Confirmed"
    CANCELLED = "cancelled", "Cancelled"


class CancelledBy(models.TextChoices):
    ATTENDEE = "attendee", "The attendee"
    ORGANIZER = "organizer", "The organizer"


class TicketStatus(models.TextChoices):
    VALID = "valid", "Valid"
    CANCELLED = "cancelled", "Cancelled"


class Booking(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="bookings"
    )
    event = models.ForeignKey("events.Event", on_delete=models.PROTECT, related_name="bookings")
    quantity = models.PositiveSmallIntegerField()
    status = models.CharField(
        max_length=20, choices=BookingStatus.choices, default=BookingStatus.CONFIRMED
    )
    # True while the booking holds seats, NULL once cancelled. With the unique constraint on
    # (user, event, active) this allows one active booking per attendee per event on every
    # database: MySQL/MariaDB have no partial indexes, but NULLs never collide in a unique index.
    active = models.BooleanField(null=True, default=True)
    # Price and currency as they were when the booking was made.
    unit_price = models.DecimalField(max_digits=10, decimal_places=2)
    total_amount = models.DecimalField(max_digits=12, decimal_places=2)
    currency = models.CharField(max_length=3)
    # NULL when the client sent no key: NULLs never collide in the unique constraint below.
    idempotency_key = models.CharField(max_length=100, null=True, blank=True)  # noqa: DJ001
    created_at = models.DateTimeField(auto_now_add=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    # Who cancelled it ("" while it is not cancelled): the buyer sees the difference.
    cancelled_by = models.CharField(max_length=16, blank=True, choices=CancelledBy.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "event", "active"], name="booking_one_active_per_attendee"
            ),
            models.UniqueConstraint(
                fields=["user", "idempotency_key"], name="booking_idempotency_key_unique"
            ),
            models.CheckConstraint(condition=Q(quantity__gte=1), name="booking_quantity_positive"),
            models.CheckConstraint(
                condition=(Q(status=BookingStatus.CANCELLED) & Q(active__isnull=True))
                | (~Q(status=BookingStatus.CANCELLED) & Q(active=True)),
                name="booking_active_matches_status",
            ),
        ]
        indexes = [
            models.Index(fields=["user", "-created_at"], name="booking_history_idx"),
            # Sales per day and revenue of one event (analytics): covering, so the aggregates
            # read the index alone, never the rows.
            models.Index(
                fields=["event", "status", "created_at", "quantity", "total_amount"],
                name="booking_event_sales_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"Booking {self.pk} ({self.quantity} x {self.event_id})"


class Ticket(models.Model):
    """One admitted person. Its QR code is derived from (event, id, key_id): see ticket_codes."""

    booking = models.ForeignKey(Booking, on_delete=models.PROTECT, related_name="tickets")
    # Copied from the booking so door queries touch one table. No database foreign key: with
    # one, InnoDB checks it (a shared lock on the event row) whenever a check-in rewrites the
    # ticket's (event, status, checked_in_at) index entry, and the check-in's counter update
    # must then upgrade that lock: concurrent scans deadlock. bookings.services sets it from
    # the booking, the only writer.
    event = models.ForeignKey(
        "events.Event", on_delete=models.PROTECT, related_name="tickets", db_constraint=False
    )
    status = models.CharField(
        max_length=16, choices=TicketStatus.choices, default=TicketStatus.VALID
    )
    key_id = models.PositiveSmallIntegerField()
    # Printed under the QR code, typed at the door when the QR cannot be read (backup_codes).
    backup_code = models.CharField(max_length=8)
    # Set once by the conditional UPDATE in attendance.services (exactly-once admission).
    checked_in_at = models.DateTimeField(null=True, blank=True)
    checked_in_gate = models.CharField(max_length=64, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["event", "backup_code"], name="ticket_backup_code_unique_per_event"
            ),
        ]
        indexes = [
            # Check-ins, no-shows, arrivals and gates of one event (door and analytics):
            # covering, so the aggregates read the index alone, never the rows.
            models.Index(
                fields=["event", "status", "checked_in_at", "checked_in_gate"],
                name="ticket_event_checkin_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"Ticket {self.pk}"

    @property
    def holder_name(self) -> str:
        """Who holds the ticket: the booker (load `booking__user` with it)."""
        return self.booking.user.name
