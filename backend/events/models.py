from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import models
from django.db.models import F, Q


class EventCategory(models.TextChoices):
    """The managed list of categories an event may have (blank: none)."""

    MUSIC = "music", "Music"
    FESTIVAL = "festival", "Festival"
    THEATRE = "theatre", "Theatre"
    COMEDY = "comedy", "Comedy"
    TECH = "tech", "Tech"
    CONFERENCE = "conference", "Conference"
    WORKSHOP = "workshop", "Workshop"
    SPORTS = "sports", "Sports"
    ART = "art", "Art & exhibitions"
    FOOD = "food", "Food & drink"
    FAMILY = "family", "Family"
    COMMUNITY = "community", "Community"
    OTHER = "other", "Other"


class EventPhase(models.TextChoices):
    """Where an event is in its life, derived from its status, times and sales (read-only)."""

    DRAFT = "draft", "Draft"
    ON_SALE = "on_sale", "On sale"
    SOLD_OUT = "sold_out", "Sold out"
    LIVE = "live", "Live: check-in open"
    ENDED = "ended", "Ended"
    CANCELLED = "cancelled", "Cancelled"


class EventStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"
    CANCELLED = "cancelled", "Cancelled"


CHECKIN_OPENS_BEFORE_START = timedelta(hours=2)
# Invitation links are signed with SECRET_KEY under this salt (events.notifications makes
# them, events.selectors reads them).
STAFF_INVITATION_SALT = "events.staff-invitation"


class Event(models.Model):
    organizer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="organized_events"
    )
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True, max_length=10_000)
    venue = models.CharField(max_length=200)
    venue_address = models.CharField(max_length=300, blank=True)
    category = models.CharField(max_length=50, blank=True, choices=EventCategory.choices)
    # IANA name of the zone the event happens in: pages, e-mails and calendar files show its
    # times there. Stored times stay UTC.
    timezone = models.CharField(max_length=64, default="UTC")
    # Re-encoded by events.images; the name changes with every upload, so it may be cached.
    image = models.ImageField(upload_to="events/", blank=True, max_length=200)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    checkin_opens_at = models.DateTimeField()
    capacity = models.PositiveIntegerField()
    # Seats taken; moved only by conditional UPDATEs in bookings.services, never read-then-write.
    tickets_sold = models.PositiveIntegerField(default=0)
    # Valid tickets admitted; moved in the check-in transaction, read by the live door view.
    checked_in_count = models.PositiveIntegerField(default=0)
    # May an admitted ticket leave and come back (out and in scans)? Off: one entry per ticket.
    allow_reentry = models.BooleanField(default=False)
    # Admitted tickets now inside (entries minus exits); moved in the same transactions.
    inside_count = models.PositiveIntegerField(default=0)
    price = models.DecimalField(max_digits=10, decimal_places=2, default=0)
    currency = models.CharField(max_length=3, default="EUR")
    max_per_booking = models.PositiveSmallIntegerField(default=10)
    status = models.CharField(max_length=16, choices=EventStatus.choices, default=EventStatus.DRAFT)
    # Payment settings (see PaymentMethod): the methods offered for paid ticket types, how
    # long a card payment may take, how long a manual payment (bank transfer, box office) may
    # take (never past the start), what the buyer is told for it, and until when an attendee
    # may cancel by themselves (NULL: until the start).
    payment_methods = models.JSONField(default=list, blank=True)
    hold_minutes = models.PositiveIntegerField(default=30)
    manual_payment_hours = models.PositiveIntegerField(default=72)
    payment_instructions = models.TextField(blank=True, max_length=5_000)
    attendee_cancel_until = models.DateTimeField(null=True, blank=True)
    # Holders may transfer a ticket to someone else until then (set to the start when the
    # event is made, and moved with it while it is that); NULL: transfers are off.
    transfers_until = models.DateTimeField(null=True, blank=True)
    # Hoarding: at most this many seats may be held unpaid by manual payment at once (NULL:
    # QE_MANUAL_HOLD_PERCENT of the capacity); while they are, manual payment is not offered.
    manual_hold_limit = models.PositiveIntegerField(null=True, blank=True)
    # Seats held now by bookings awaiting a manual payment; moved only by conditional UPDATEs
    # (bookings.services.manual_holds), never read-then-write.
    manual_held = models.PositiveIntegerField(default=0)
    # Waiting list: buyers may queue for a sold-out event (or type); seats that come back are
    # offered to them in order, each offer held for `offer_hours` (bookings.services).
    waiting_list = models.BooleanField(default=False)
    offer_hours = models.PositiveIntegerField(default=24)
    # Seats held now for waiting-list offers: part of tickets_sold (taken by the same
    # conditional UPDATE as a booking's), not sold. Moved only by conditional UPDATEs.
    waiting_held = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(capacity__gte=1), name="event_capacity_positive"),
            models.CheckConstraint(
                condition=Q(tickets_sold__lte=F("capacity")), name="event_not_oversold"
            ),
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="event_ends_after_start"
            ),
            models.CheckConstraint(condition=Q(price__gte=0), name="event_price_not_negative"),
            models.CheckConstraint(
                condition=Q(max_per_booking__gte=1), name="event_max_per_booking_positive"
            ),
            models.CheckConstraint(
                condition=Q(status__in=EventStatus.values), name="event_status_valid"
            ),
            models.CheckConstraint(condition=Q(hold_minutes__gte=1), name="event_hold_positive"),
            models.CheckConstraint(
                condition=Q(manual_payment_hours__gte=1), name="event_manual_hours_positive"
            ),
            models.CheckConstraint(
                condition=Q(offer_hours__gte=1), name="event_offer_hours_positive"
            ),
        ]
        indexes = [
            # The public listing: published, not ended, soonest first.
            models.Index(fields=["status", "starts_at"], name="event_listing_idx"),
            models.Index(fields=["organizer", "starts_at"], name="event_organizer_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def tickets_available(self) -> int:
        return max(self.capacity - self.tickets_sold, 0)

    @property
    def manual_hold_cap(self) -> int:
        """How many seats may await a manual payment at once."""
        if self.manual_hold_limit is not None:
            return self.manual_hold_limit
        return max(self.capacity * settings.QE_MANUAL_HOLD_PERCENT // 100, 1)

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def phase_at(self, now: datetime) -> str:
        if self.status == EventStatus.CANCELLED:
            return EventPhase.CANCELLED
        if self.status == EventStatus.DRAFT:
            return EventPhase.DRAFT
        if self.ends_at <= now:
            return EventPhase.ENDED
        if self.checkin_opens_at <= now:
            return EventPhase.LIVE
        if self.tickets_sold >= self.capacity:
            return EventPhase.SOLD_OUT
        return EventPhase.ON_SALE


class PaymentMethod(models.TextChoices):
    MANUAL = "manual", "Manual (bank transfer, box office)"
    STRIPE = "stripe", "Card (Stripe)"


GENERAL_ADMISSION = "General admission"


class TicketType(models.Model):
    """What a buyer chooses: a name and a price, optionally its own quota under the event's
    capacity, a sales window and a per-booking limit. Seats of a type are taken by the same
    conditional UPDATE as the event's (bookings.services), so `sold` never passes `quota`."""

    event = models.ForeignKey(Event, on_delete=models.PROTECT, related_name="ticket_types")
    name = models.CharField(max_length=100)
    description = models.TextField(blank=True, max_length=2_000)
    price = models.DecimalField(max_digits=10, decimal_places=2, default=0)
    # NULL: only the event's capacity limits this type.
    quota = models.PositiveIntegerField(null=True, blank=True)
    # Seats of this type taken by pending and confirmed bookings (as Event.tickets_sold).
    sold = models.PositiveIntegerField(default=0)
    # Of `sold`: seats held now for waiting-list offers (as Event.waiting_held).
    waiting_held = models.PositiveIntegerField(default=0)
    sales_start = models.DateTimeField(null=True, blank=True)
    sales_end = models.DateTimeField(null=True, blank=True)
    # NULL: the event's max_per_booking.
    max_per_booking = models.PositiveSmallIntegerField(null=True, blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    # Listed and bookable only with an access code that unlocks it (events.codes); its
    # organizer always sees it.
    hidden = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(quota__isnull=True) | Q(sold__lte=F("quota")),
                name="ticket_type_not_oversold",
            ),
            models.CheckConstraint(
                condition=Q(price__gte=0), name="ticket_type_price_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(max_per_booking__isnull=True) | Q(max_per_booking__gte=1),
                name="ticket_type_max_per_booking_positive",
            ),
            models.CheckConstraint(
                condition=Q(sales_start__isnull=True)
                | Q(sales_end__isnull=True)
                | Q(sales_end__gt=F("sales_start")),
                name="ticket_type_sales_window_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.event_id})"

    @property
    def available(self) -> int:
        """Seats of this type left, counting the event's capacity (load the event with it)."""
        left = self.event.tickets_available
        if self.quota is not None:
            left = min(left, max(self.quota - self.sold, 0))
        return left


class SeatSlot(models.Model):
    """One share of an event's seats, when QE_SEAT_SLOTS splits them (flash sales): a booking
    takes its seats by a conditional UPDATE of one slot (a random one first, the next when it
    is full) instead of all bookings queueing for one counter row. The seats left are the same
    on both sides: capacity - tickets_sold of the event == the sum of capacity - sold of its
    slots (events.services.seats keeps it so in every write that moves seats).

    Part of the event's seat counters, like Event.tickets_sold, so it lives here (it was
    made in the bookings app: the table keeps that name)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="seat_slots")
    number = models.PositiveSmallIntegerField()
    capacity = models.PositiveIntegerField()
    sold = models.PositiveIntegerField(default=0)

    class Meta:
        db_table = "bookings_seatslot"
        constraints = [
            models.UniqueConstraint(fields=["event", "number"], name="seat_slot_unique_number"),
            models.CheckConstraint(
                condition=Q(sold__lte=F("capacity")), name="seat_slot_not_oversold"
            ),
        ]

    def __str__(self) -> str:
        return f"Slot {self.number} of event {self.event_id}: {self.sold}/{self.capacity}"


class EventStaff(models.Model):
    """Door staff of one event: first an invitation to an e-mail address, then, once the
    invitee accepted it through the e-mailed link, the account that may scan tickets at the
    door of this event (and nothing else). Only rows with a user grant access."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="staff_links")
    email = models.EmailField(max_length=254)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="staff_links",
        null=True,
        blank=True,
    )
    # Changes with every new invitation, so only the latest e-mailed link works.
    nonce = models.CharField(max_length=32, blank=True)
    added_at = models.DateTimeField(auto_now_add=True)
    invited_at = models.DateTimeField(null=True, blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="event_staff_unique"),
            models.UniqueConstraint(fields=["event", "email"], name="event_staff_email_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.email} at {self.event}"

    @property
    def status(self) -> str:
        return "accepted" if self.user_id else "invited"


class EventMessage(models.Model):
    """What an organizer wrote to every holder of a valid ticket (events.services
    event_message_send); each recipient's e-mail goes through the outbox."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="messages")
    sender = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    subject = models.CharField(max_length=200)
    body = models.TextField(max_length=10_000)
    recipients = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["event", "-created_at"], name="event_message_idx")]

    def __str__(self) -> str:
        return f"{self.subject} ({self.event_id})"


class QuestionKind(models.TextChoices):
    TEXT = "text", "Text"
    CHOICE = "choice", "One of the options"
    MULTIPLE = "multiple", "Any of the options"
    BOOLEAN = "boolean", "Yes or no"


class QuestionScope(models.TextChoices):
    TICKET = "ticket", "Each ticket"
    BOOKING = "booking", "The booking"


class Question(models.Model):
    """Something the organizer asks at booking (dietary needs, company, t-shirt size, consent):
    of each ticket's holder or once of the booking, for the given types (none: all)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="questions")
    label = models.CharField(max_length=200)
    kind = models.CharField(max_length=16, choices=QuestionKind.choices)
    # The choices of a choice or multiple question, in order; empty for the other kinds.
    options = models.JSONField(default=list, blank=True)
    required = models.BooleanField(default=False)
    per = models.CharField(
        max_length=8, choices=QuestionScope.choices, default=QuestionScope.TICKET
    )
    ticket_types = models.ManyToManyField(TicketType, blank=True, related_name="+")
    position = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=QuestionKind.values), name="question_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(per__in=QuestionScope.values), name="question_per_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.label


ENTRY_LIST_NAME = "Entry"


class CheckinList(models.Model):
    """A list the door scans against: every event has its default "Entry" (all types; its
    admissions are the ticket's own check-in and the event's counters), and may add more
    limited to some types (a VIP lounge, a workshop, day 2). A ticket is admitted once per
    list (attendance.ListAdmission for the lists other than Entry)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="checkin_lists")
    name = models.CharField(max_length=100)
    ticket_types = models.ManyToManyField(TicketType, blank=True, related_name="+")
    # True on the event's Entry list, NULL on the others: with the unique constraint below,
    # one default per event on every database (MySQL has no partial indexes; NULLs never
    # collide in a unique index).
    is_default = models.BooleanField(null=True, default=None)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-is_default", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "is_default"], name="checkin_list_one_default_per_event"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.event_id})"


class CodeKind(models.TextChoices):
    DISCOUNT = "discount", "Discount"
    ACCESS = "access", "Access (unlocks hidden ticket types)"


class Code(models.Model):
    """A code a buyer types at booking: a discount (percent or amount off each ticket it
    applies to) or an access code (unlocks hidden types). Its text is kept upper-case, so it
    is unique per event whatever the case it is typed in. `uses` counts the bookings holding
    it (confirmed and awaiting payment): taken by a conditional UPDATE in the booking's
    transaction (never past max_uses), given back when such a booking ends."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="codes")
    code = models.CharField(max_length=40)
    kind = models.CharField(max_length=16, choices=CodeKind.choices, default=CodeKind.DISCOUNT)
    percent_off = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    # Off each ticket it applies to, never below 0 (in the event's currency).
    amount_off = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    # Empty: every type of the event.
    ticket_types = models.ManyToManyField(TicketType, blank=True, related_name="+")
    # NULL: unlimited.
    max_uses = models.PositiveIntegerField(null=True, blank=True)
    uses = models.PositiveIntegerField(default=0)
    valid_from = models.DateTimeField(null=True, blank=True)
    valid_until = models.DateTimeField(null=True, blank=True)
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["event", "code"], name="code_unique_per_event"),
            models.CheckConstraint(
                condition=Q(max_uses__isnull=True) | Q(uses__lte=F("max_uses")),
                name="code_not_overused",
            ),
            models.CheckConstraint(condition=Q(kind__in=CodeKind.values), name="code_kind_valid"),
            models.CheckConstraint(
                condition=Q(percent_off__isnull=True)
                | (Q(percent_off__gt=0) & Q(percent_off__lte=100)),
                name="code_percent_in_range",
            ),
            models.CheckConstraint(
                condition=Q(amount_off__isnull=True) | Q(amount_off__gt=0),
                name="code_amount_positive",
            ),
            # A discount takes exactly one of the two; an access code neither.
            models.CheckConstraint(
                condition=(
                    Q(kind=CodeKind.DISCOUNT)
                    & (
                        (Q(percent_off__isnull=False) & Q(amount_off__isnull=True))
                        | (Q(percent_off__isnull=True) & Q(amount_off__isnull=False))
                    )
                )
                | (
                    Q(kind=CodeKind.ACCESS)
                    & Q(percent_off__isnull=True)
                    & Q(amount_off__isnull=True)
                ),
                name="code_discount_terms",
            ),
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True)
                | Q(valid_until__isnull=True)
                | Q(valid_until__gt=F("valid_from")),
                name="code_window_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} ({self.event_id})"
