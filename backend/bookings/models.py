from django.conf import settings
from django.db import models
from django.db.models import F, Func, Q
from django.utils import timezone

# Admissions are counted per 5 minutes (analytics' arrivals).
ARRIVAL_SLOT_SECONDS = 300


class UtcDate(Func):
    """The date (in UTC, as stored) of a datetime column: a sales day."""

    output_field = models.DateField()
    template = "DATE(%(expressions)s)"

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(
            compiler, connection, template="((%(expressions)s AT TIME ZONE 'UTC')::date)", **extra
        )


class ArrivalSlot(Func):
    """The 5-minute arrival slot of a datetime column: whole slots since 1970, NULL for NULL.
    An integer, so that analytics groups check-ins by it from an index (grouping by
    truncated, formatted datetimes cost MariaDB 100 ms for 120,000 check-ins). MariaDB's
    TO_SECONDS, unlike UNIX_TIMESTAMP, depends on no session time zone (the column holds
    UTC), so it may define a stored column."""

    output_field = models.BigIntegerField()
    size = ARRIVAL_SLOT_SECONDS

    def as_mysql(self, compiler, connection, **extra):
        # TO_SECONDS counts from year 0; 1970-01-01 is 62,167,219,200 s = 207,224,064 slots.
        epoch = 62_167_219_200 // self.size
        return self.as_sql(
            compiler,
            connection,
            template=f"(TO_SECONDS(%(expressions)s) DIV {self.size} - {epoch})",
            **extra,
        )

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(
            # '%' doubled twice: once for this template, once for the schema editor, which
            # interpolates the (here no) parameters into the column's DDL.
            compiler,
            connection,
            template=f"(CAST(strftime('%%%%s', %(expressions)s) AS INTEGER) / {self.size})",
            **extra,
        )

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(
            compiler,
            connection,
            template=f"CAST(FLOOR(EXTRACT(EPOCH FROM %(expressions)s) / {self.size}) AS BIGINT)",
            **extra,
        )


class BookingStatus(models.TextChoices):
    PENDING_PAYMENT = "pending_payment", "Pending payment"
    CONFIRMED = "confirmed", "Confirmed"
    CANCELLED = "cancelled", "Cancelled"
    # A pending booking whose hold ended unpaid: its seats went back. Kept, never deleted.
    EXPIRED = "expired", "Expired"


# Statuses that hold no seats (and leave the attendee free to book again).
ENDED_STATUSES = (BookingStatus.CANCELLED, BookingStatus.EXPIRED)


class PaymentStatus(models.TextChoices):
    NOT_REQUIRED = "not_required", "Not required"
    PENDING = "pending", "Pending"
    PAID = "paid", "Paid"
    FAILED = "failed", "Failed"
    REFUND_PENDING = "refund_pending", "Refund pending"
    REFUNDED = "refunded", "Refunded"


class CancelledBy(models.TextChoices):
    ATTENDEE = "attendee", "The attendee"
    ORGANIZER = "organizer", "The organizer"


class TicketStatus(models.TextChoices):
    VALID = "valid", "Valid"
    CANCELLED = "cancelled", "Cancelled"
    # Booked but not paid yet: no code is shown and the door admits nobody with it.
    PENDING = "pending", "Pending payment"
    # Transferred to someone else: this row's code and backup code are refused at the door
    # (reason `revoked`); the new holder's ticket is a new row (`transferred_to`).
    REVOKED = "revoked", "Transferred (old code revoked)"


class Booking(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="bookings"
    )
    # No database foreign key (as Ticket.event): InnoDB checks one with a shared lock on the
    # event row, and booking_create INSERTs the booking before its conditional UPDATE of that
    # row (so the hot row stays locked only until the commit): two bookings holding the shared
    # lock then both wait to upgrade it, a deadlock (measured: the 64-attendee race test fails
    # with 1213). Referential integrity still holds: the UPDATE in the booking's transaction
    # matches only an existing, published event, else the booking rolls back; event_delete
    # locks the event row and refuses while any booking exists; PROTECT covers the ORM.
    event = models.ForeignKey(
        "events.Event", on_delete=models.PROTECT, related_name="bookings", db_constraint=False
    )
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
    # Its day in UTC, kept by the database in the row: analytics groups sales per day by it
    # in the order of an index.
    created_day = models.GeneratedField(
        expression=UtcDate("created_at"), output_field=models.DateField(), db_persist=True
    )
    cancelled_at = models.DateTimeField(null=True, blank=True)
    # Payment: the method chosen ("" when nothing is to pay), its state, and for a pending
    # booking when its hold ends (its seats go back unpaid).
    expires_at = models.DateTimeField(null=True, blank=True)
    payment_method = models.CharField(max_length=16, blank=True)
    payment_status = models.CharField(
        max_length=16, choices=PaymentStatus.choices, default=PaymentStatus.NOT_REQUIRED
    )
    paid_at = models.DateTimeField(null=True, blank=True)
    refunded_amount = models.DecimalField(max_digits=12, decimal_places=2, default=0)
    # The PaymentIntent of the latest card attempt; attempts number the idempotency keys.
    stripe_payment_intent = models.CharField(max_length=255, null=True, blank=True, unique=True)
    payment_attempts = models.PositiveSmallIntegerField(default=0)
    # While a card attempt waits for 3-D Secure: the PaymentIntent's client secret, which
    # only the booker's page is shown (to finish the step with Stripe.js).
    stripe_client_secret = models.CharField(max_length=255, blank=True)
    # Who cancelled it ("" while it is not cancelled): the buyer sees the difference.
    cancelled_by = models.CharField(max_length=16, blank=True, choices=CancelledBy.choices)
    # The SeatSlot (its number) its seats were taken from, NULL when the event's seats were
    # not slotted then: they go back to the same slot.
    seat_slot = models.PositiveSmallIntegerField(null=True, blank=True)
    # Answers to the event's per-booking questions: {"<question id>": value}.
    answers = models.JSONField(default=dict, blank=True)
    # Something about its money the organizer must look at ("" when nothing): a card payment
    # of another amount or currency than the booking's, which confirmed nothing.
    payment_problem = models.CharField(max_length=300, blank=True)
    # The discount or access code it was booked with, and what the discount took off (the
    # total is after it). No database foreign key, for the reason given on `event`: the
    # booking is INSERTed before its conditional UPDATE of the code's `uses`.
    code = models.ForeignKey(
        "events.Code",
        on_delete=models.PROTECT,
        related_name="bookings",
        null=True,
        blank=True,
        db_constraint=False,
    )
    discount_amount = models.DecimalField(max_digits=12, decimal_places=2, default=0)

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
                condition=(Q(status__in=ENDED_STATUSES) & Q(active__isnull=True))
                | (~Q(status__in=ENDED_STATUSES) & Q(active=True)),
                name="booking_holds_seats_matches_status",
            ),
            models.CheckConstraint(
                condition=Q(refunded_amount__gte=0) & Q(refunded_amount__lte=F("total_amount")),
                name="booking_refund_within_total",
            ),
        ]
        indexes = [
            models.Index(fields=["user", "-created_at"], name="booking_history_idx"),
            # Revenue, payments awaited and sales per day of one event, revenue per event and
            # currency of an organizer's events, bookings that do not earn (analytics):
            # covering, so the aggregates read the index alone, never the rows, and group in
            # its order (event, status, payment status, day) without a temporary table.
            models.Index(
                fields=[
                    "event",
                    "status",
                    "payment_status",
                    "created_day",
                    "created_at",
                    "quantity",
                    "total_amount",
                    "refunded_amount",
                    "currency",
                ],
                name="booking_event_money_idx",
            ),
            # Holds that ended (the expiry sweep, and the lazy expiry of a full event).
            models.Index(fields=["status", "expires_at"], name="booking_hold_expiry_idx"),
        ]

    def __str__(self) -> str:
        return f"Booking {self.pk} ({self.quantity} x {self.event_id})"

    @property
    def own_tickets(self) -> list["Ticket"]:
        """Its tickets as the booking shows them: the booker's, and those they transferred
        away (revoked, shown without a code); not the recipients' new ones."""
        return [ticket for ticket in self.tickets.all() if not ticket.holder_email]

    @property
    def hold_ended(self) -> bool:
        """A hold whose time is up: it reads as expired, whether or not the sweep (or the next
        write) has released it yet."""
        return (
            self.status == BookingStatus.PENDING_PAYMENT
            and self.expires_at is not None
            and self.expires_at <= timezone.now()
        )


class BookingItem(models.Model):
    """One ticket type of a booking: how many, at what price (as it was when booked)."""

    booking = models.ForeignKey(Booking, on_delete=models.PROTECT, related_name="items")
    # No database foreign key, for the reason given on Booking.event (the type's row is taken
    # by a conditional UPDATE after this INSERT). The UPDATE matches only an existing type,
    # else the booking rolls back; ticket_type_delete locks the type and refuses once it has
    # sales or items.
    ticket_type = models.ForeignKey(
        "events.TicketType",
        on_delete=models.PROTECT,
        related_name="booking_items",
        db_constraint=False,
    )
    name = models.CharField(max_length=100)
    quantity = models.PositiveSmallIntegerField()
    unit_price = models.DecimalField(max_digits=10, decimal_places=2)
    # What the booking's code took off this item's tickets (each ticket's own discount, so a
    # type's revenue is its tickets' price after their discount).
    discount_amount = models.DecimalField(max_digits=12, decimal_places=2, default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["booking", "ticket_type"], name="booking_item_one_per_type"
            ),
            models.CheckConstraint(
                condition=Q(quantity__gte=1), name="booking_item_quantity_positive"
            ),
        ]
        indexes = [
            # What each ticket type's items amount to (analytics), from the index alone.
            models.Index(
                fields=["ticket_type", "quantity", "unit_price", "discount_amount"],
                name="booking_item_amount_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.quantity} x {self.name}"


class StripeEvent(models.Model):
    """A Stripe webhook event that was processed: written in the transaction of its effect, so
    each event id is handled once however often Stripe delivers it."""

    event_id = models.CharField(max_length=255, unique=True)
    type = models.CharField(max_length=100)
    received_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.type} {self.event_id}"


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
    # No database foreign key, for the reason given on `event`.
    ticket_type = models.ForeignKey(
        "events.TicketType",
        on_delete=models.PROTECT,
        related_name="tickets",
        null=True,
        blank=True,
        db_constraint=False,
    )
    key_id = models.PositiveSmallIntegerField()
    # Who holds it: the booker's name when booked, changed by the holder (or a transfer).
    attendee_name = models.CharField(max_length=100, blank=True)
    # Answers to the event's per-ticket questions: {"<question id>": value}.
    answers = models.JSONField(default=dict, blank=True)
    # Printed under the QR code, typed at the door when the QR cannot be read (backup_codes).
    backup_code = models.CharField(max_length=8)
    # Set once by the conditional UPDATE in attendance.services (exactly-once admission).
    checked_in_at = models.DateTimeField(null=True, blank=True)
    checked_in_gate = models.CharField(max_length=64, blank=True)
    # The 5-minute slot of checked_in_at (NULL while not admitted), kept by the database in
    # the row: analytics groups admissions by it in the order of an index.
    checked_in_slot = models.GeneratedField(
        expression=ArrivalSlot("checked_in_at"),
        output_field=models.BigIntegerField(null=True),
        db_persist=True,
    )
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # In the venue now (admitted and not scanned out), and the gate of the last entry: the
    # door's occupancy per gate. Moved by the same conditional UPDATEs as checked_in_at.
    inside = models.BooleanField(default=False)
    entry_gate = models.CharField(max_length=64, blank=True)
    # Last change the door cares about (issued, cancelled, admitted, out): the door kit's
    # cursor. Set by every writer of status / checked_in_at / inside, never by save().
    changed_at = models.DateTimeField(default=timezone.now)
    # Transfers (bookings.services.transfers). A transferred ticket is a new row of the same
    # booking: its code is signed over its id, so a new code needs a new id. `holder_email`:
    # who holds it when not the booker ("" = the booker); the account with that verified
    # address sees it under My tickets. `transferred_from`: the revoked row it replaced.
    holder_email = models.EmailField(max_length=254, blank=True)
    transferred_from = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="transferred_to",
    )
    # On a revoked row: when, and the SHA-256 (hex) of its code's text, for the door kits (a
    # door node that mirrors it holds no signing key to recompute it).
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_code_sha256 = models.CharField(max_length=64, blank=True)
    # Admitted on a check-in list other than Entry: set by attendance with a conditional
    # UPDATE of this row before it inserts the ListAdmission, so a transfer (a conditional
    # UPDATE of the same row) and a list admission are serialized by the row's lock.
    admitted_on_list = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["event", "backup_code"], name="ticket_backup_code_unique_per_event"
            ),
        ]
        indexes = [
            # Sold, check-ins, no-shows, arrivals, gates and who is inside, of one event
            # (analytics): covering, and in the order of its GROUP BY, so MariaDB reads the
            # index alone and groups as it reads, without a temporary table.
            models.Index(
                fields=[
                    "event",
                    "status",
                    "checked_in_slot",
                    "checked_in_gate",
                    "entry_gate",
                    "inside",
                ],
                name="ticket_event_analytics_idx",
            ),
            # Who is inside, per gate (the live door's occupancy).
            models.Index(fields=["event", "inside", "entry_gate"], name="ticket_event_inside_idx"),
            # The door kit's incremental pull.
            models.Index(fields=["event", "changed_at"], name="ticket_event_changed_idx"),
            # Tickets transferred to an address (My tickets of its account).
            models.Index(fields=["holder_email"], name="ticket_holder_email_idx"),
        ]

    def __str__(self) -> str:
        return f"Ticket {self.pk}"

    @property
    def ticket_type_name(self) -> str:
        """Its type's name (load `ticket_type` with it); "" for a ticket older than types."""
        return self.ticket_type.name if self.ticket_type_id else ""

    @property
    def held_by_booker(self) -> bool:
        """Still the booker's: neither transferred away (revoked) nor received by transfer."""
        return not self.holder_email and self.status != TicketStatus.REVOKED

    @property
    def holder_name(self) -> str:
        """Who holds the ticket: its attendee, else the booker (load `booking__user`)."""
        return self.attendee_name or self.booking.user.name


class WaitingStatus(models.TextChoices):
    WAITING = "waiting", "Waiting"
    # Seats are held for it until offer_expires_at.
    OFFERED = "offered", "Offered"
    # The offer was accepted: `booking` was made with its seats.
    BOOKED = "booked", "Booked"
    # The offer lapsed (or the event was cancelled): its seats passed on.
    EXPIRED = "expired", "Expired"
    LEFT = "left", "Left"


# Statuses still in the queue (waiting, or holding an offer).
QUEUED_STATUSES = (WaitingStatus.WAITING, WaitingStatus.OFFERED)


class WaitingListEntry(models.Model):
    """A buyer queueing for a sold-out event (or type): `quantity` tickets of `ticket_type`.
    First come, first offered (by id). An offer holds its seats in the event's and the type's
    counters (Event.waiting_held) until it is accepted, left or lapses."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="waiting_entries"
    )
    event = models.ForeignKey(
        "events.Event", on_delete=models.CASCADE, related_name="waiting_entries"
    )
    ticket_type = models.ForeignKey(
        "events.TicketType", on_delete=models.CASCADE, related_name="waiting_entries"
    )
    quantity = models.PositiveSmallIntegerField()
    status = models.CharField(
        max_length=16, choices=WaitingStatus.choices, default=WaitingStatus.WAITING
    )
    # True while queued, NULL after: one queued entry per person per event (as Booking.active).
    active = models.BooleanField(null=True, default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    offered_at = models.DateTimeField(null=True, blank=True)
    offer_expires_at = models.DateTimeField(null=True, blank=True)
    # The SeatSlot its offered seats came from (as Booking.seat_slot).
    seat_slot = models.PositiveSmallIntegerField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    booking = models.ForeignKey(
        Booking, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "event", "active"], name="waiting_one_queued_per_person"
            ),
            models.CheckConstraint(condition=Q(quantity__gte=1), name="waiting_quantity_positive"),
            models.CheckConstraint(
                condition=(Q(status__in=QUEUED_STATUSES) & Q(active=True))
                | (~Q(status__in=QUEUED_STATUSES) & Q(active__isnull=True)),
                name="waiting_active_matches_status",
            ),
            models.CheckConstraint(
                condition=~Q(status=WaitingStatus.OFFERED) | Q(offer_expires_at__isnull=False),
                name="waiting_offer_has_deadline",
            ),
        ]
        indexes = [
            # The queue of an event, in order.
            models.Index(fields=["event", "status", "id"], name="waiting_queue_idx"),
            # Offers that lapsed (the sweep).
            models.Index(fields=["status", "offer_expires_at"], name="waiting_offer_expiry_idx"),
        ]

    def __str__(self) -> str:
        return f"Waiting {self.pk} ({self.quantity} x {self.event_id})"
