import functools

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from common.serializers import SingleLineCharField
from events.models import Event, EventPhase, PaymentMethod
from events.serializers import TicketTypeRefSerializer

from .models import (
    Booking,
    BookingItem,
    BookingStatus,
    CancelledBy,
    PaymentStatus,
    Ticket,
    TicketStatus,
    WaitingListEntry,
    WaitingStatus,
)
from .permissions import is_booker
from .ticket_codes import ticket_code_for


class BookingItemInputSerializer(serializers.Serializer):
    ticket_type = serializers.IntegerField(min_value=1, max_value=2**53)
    quantity = serializers.IntegerField(min_value=1, max_value=1000)


class AttendeeInputSerializer(serializers.Serializer):
    name = SingleLineCharField(
        max_length=100, allow_blank=True, required=False, help_text="Default: the booker's name."
    )
    answers = serializers.DictField(
        child=serializers.JSONField(allow_null=True),
        required=False,
        help_text='Answers to the per-ticket questions: {"<question id>": value}.',
    )


class BookTicketInputSerializer(serializers.Serializer):
    """v1: `{event, quantity}` books the event's one ticket type. v2: `{event, items,
    payment_method}`. v3 adds `attendees` (one per ticket, in order) and `answers`."""

    event = serializers.IntegerField(min_value=1, max_value=2**53)
    quantity = serializers.IntegerField(min_value=1, max_value=1000, required=False)
    items = BookingItemInputSerializer(many=True, required=False, max_length=20)
    payment_method = serializers.ChoiceField(choices=PaymentMethod.choices, required=False)
    attendees = AttendeeInputSerializer(many=True, required=False, max_length=1000)
    answers = serializers.DictField(
        child=serializers.JSONField(allow_null=True),
        required=False,
        help_text='Answers to the per-booking questions: {"<question id>": value}.',
    )
    code = serializers.CharField(
        max_length=40,
        required=False,
        allow_blank=True,
        help_text="A discount code (the total is after it) or an access code (unlocks"
        " hidden types) of the event, in any case.",
    )

    def validate(self, data: dict) -> dict:
        if not data.get("items") and "quantity" not in data:
            raise serializers.ValidationError({"quantity": ["Give quantity or items."]})
        if data.get("items") and "quantity" in data:
            raise serializers.ValidationError({"quantity": ["Give quantity or items, not both."]})
        return data


class PayInputSerializer(serializers.Serializer):
    payment_method = serializers.RegexField(
        r"^[A-Za-z0-9_]{3,255}$", help_text="A Stripe PaymentMethod id (pm_...) from Stripe.js."
    )


class WebhookReceivedSerializer(serializers.Serializer):
    received = serializers.ChoiceField(choices=["processed", "duplicate", "ignored"])


_PLACEHOLDER = 987654321


@functools.cache
def _qr_url_template(image_format: str) -> str:
    url = reverse("ticket-qr", kwargs={"pk": _PLACEHOLDER, "image_format": image_format})
    return url.replace(str(_PLACEHOLDER), "{}")


def _qr_url(ticket_id: int, image_format: str) -> str:
    """The ticket's QR image URL. reverse() once per format, not once per ticket: a booking of
    100 tickets answered 200 reverse() calls, a sixth of its time."""
    return _qr_url_template(image_format).format(ticket_id)


_CODELESS = (TicketStatus.PENDING, TicketStatus.REVOKED)


class TicketSerializer(serializers.ModelSerializer):
    ticket_type = serializers.SerializerMethodField(
        help_text="The ticket's type (null only for tickets older than ticket types)."
    )
    attendee_name = serializers.CharField(read_only=True, help_text="Who holds the ticket.")
    answers = serializers.DictField(
        child=serializers.JSONField(allow_null=True),
        read_only=True,
        help_text='Answers to the per-ticket questions: {"<question id>": value}.',
    )
    code = serializers.SerializerMethodField()
    qr_png = serializers.SerializerMethodField()
    qr_svg = serializers.SerializerMethodField()
    status = serializers.SerializerMethodField()
    transferred_at = serializers.DateTimeField(
        source="revoked_at",
        read_only=True,
        allow_null=True,
        help_text="When it was transferred to someone else (status `revoked`; no code).",
    )

    class Meta:
        model = Ticket
        fields = [
            "id",
            "ticket_type",
            "attendee_name",
            "answers",
            "code",
            "backup_code",
            "status",
            "checked_in_at",
            "transferred_at",
            "qr_png",
            "qr_svg",
        ]
        read_only_fields = fields

    backup_code = serializers.SerializerMethodField()

    @extend_schema_field(TicketTypeRefSerializer(allow_null=True))
    def get_ticket_type(self, ticket: Ticket) -> dict | None:
        kind = ticket.ticket_type
        return None if kind is None else {"id": kind.id, "name": kind.name}

    @extend_schema_field(serializers.ChoiceField(choices=TicketStatus.choices))
    def get_status(self, ticket: Ticket) -> str:
        # The tickets of an ended hold are void, as its release will make them.
        if ticket.status == TicketStatus.PENDING and ticket.booking.hold_ended:
            return TicketStatus.CANCELLED
        return ticket.status

    # A ticket not paid for shows no code: an unpaid code can never be screenshotted. One
    # transferred away neither: its code is revoked, the recipient has a new one.
    def get_code(self, ticket: Ticket) -> str | None:
        if ticket.status in _CODELESS:
            return None
        return ticket_code_for(event_id=ticket.event_id, ticket_id=ticket.id, key_id=ticket.key_id)

    def get_backup_code(self, ticket: Ticket) -> str | None:
        return None if ticket.status in _CODELESS else ticket.backup_code

    def get_qr_png(self, ticket: Ticket) -> str | None:
        if ticket.status in _CODELESS:
            return None
        return _qr_url(ticket.id, "png")

    def get_qr_svg(self, ticket: Ticket) -> str | None:
        if ticket.status in _CODELESS:
            return None
        return _qr_url(ticket.id, "svg")


class BookingItemSerializer(serializers.ModelSerializer):
    ticket_type = serializers.IntegerField(source="ticket_type_id", read_only=True)

    class Meta:
        model = BookingItem
        fields = ["ticket_type", "name", "quantity", "unit_price", "discount_amount"]
        read_only_fields = fields


class NextActionSerializer(serializers.Serializer):
    client_secret = serializers.CharField(
        help_text="For Stripe.js confirmCardPayment: finishes the 3-D Secure step."
    )


class PaymentSerializer(serializers.Serializer):
    method = serializers.ChoiceField(choices=PaymentMethod.choices, allow_null=True)
    status = serializers.ChoiceField(choices=PaymentStatus.choices)
    amount = serializers.DecimalField(max_digits=12, decimal_places=2)
    currency = serializers.CharField()
    paid_at = serializers.DateTimeField(allow_null=True)
    refunded_amount = serializers.DecimalField(max_digits=12, decimal_places=2)
    publishable_key = serializers.CharField(
        allow_null=True, help_text="Stripe's publishable key, for a card payment still to make."
    )
    instructions = serializers.CharField(
        allow_null=True, help_text="How to pay a manual payment (the organizer's text)."
    )
    next_action = NextActionSerializer(
        allow_null=True, help_text="Only for the booker, only while 3-D Secure is pending."
    )
    problem = serializers.CharField(
        allow_null=True,
        help_text="What the organizer must look at (a card payment of another amount or"
        " currency than the booking's, which confirmed nothing); null when nothing.",
    )


class EventSummarySerializer(serializers.ModelSerializer):
    phase = serializers.SerializerMethodField()

    class Meta:
        model = Event
        fields = [
            "id",
            "title",
            "venue",
            "venue_address",
            "timezone",
            "starts_at",
            "ends_at",
            "status",
            "phase",
            "attendee_cancel_until",
            "transfers_until",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.ChoiceField(choices=EventPhase.choices))
    def get_phase(self, event: Event) -> str:
        return event.phase_at(timezone.now())


class DiscountSerializer(serializers.Serializer):
    code = serializers.CharField()
    amount = serializers.DecimalField(max_digits=12, decimal_places=2)


class BookingSerializer(serializers.ModelSerializer):
    event = serializers.IntegerField(source="event_id", read_only=True)
    status = serializers.SerializerMethodField()
    event_summary = serializers.SerializerMethodField()
    tickets = TicketSerializer(
        many=True,
        read_only=True,
        source="own_tickets",
        help_text="The booker's tickets, and those transferred away (`revoked`, no code).",
    )
    items = BookingItemSerializer(many=True, read_only=True)
    payment = serializers.SerializerMethodField()
    cancelled_by = serializers.SerializerMethodField(
        help_text="Who cancelled it: the attendee or the organizer; null while it stands."
    )
    discount = serializers.SerializerMethodField(
        help_text="The code it was booked with and what it took off (total_amount is after"
        " it); null when booked without a code."
    )

    class Meta:
        model = Booking
        fields = [
            "id",
            "event",
            "event_summary",
            "quantity",
            "status",
            "unit_price",
            "total_amount",
            "discount",
            "currency",
            "created_at",
            "cancelled_at",
            "expires_at",
            "items",
            "payment",
            "cancelled_by",
            "answers",
            "tickets",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.ChoiceField(choices=BookingStatus.choices))
    def get_status(self, booking: Booking) -> str:
        return BookingStatus.EXPIRED if booking.hold_ended else booking.status

    @extend_schema_field(PaymentSerializer)
    def get_payment(self, booking: Booking) -> dict:
        request = self.context.get("request")
        booker = is_booker(getattr(request, "user", None), booking)
        ended = booking.hold_ended
        awaiting = (
            not ended
            and booking.status == BookingStatus.PENDING_PAYMENT
            and booking.payment_status in (PaymentStatus.PENDING, PaymentStatus.FAILED)
        )
        card = booking.payment_method == PaymentMethod.STRIPE
        manual = booking.payment_method == PaymentMethod.MANUAL
        next_action = None
        if booker and awaiting and booking.stripe_client_secret:
            next_action = {"client_secret": booking.stripe_client_secret}
        return PaymentSerializer(
            {
                "method": booking.payment_method or None,
                "status": PaymentStatus.FAILED if ended else booking.payment_status,
                "amount": booking.total_amount,
                "currency": booking.currency,
                "paid_at": booking.paid_at,
                "refunded_amount": booking.refunded_amount,
                "publishable_key": settings.STRIPE_PUBLISHABLE_KEY
                if card and awaiting and settings.STRIPE_PUBLISHABLE_KEY
                else None,
                "instructions": booking.event.payment_instructions or None if manual else None,
                "next_action": next_action,
                "problem": booking.payment_problem or None,
            }
        ).data

    @extend_schema_field(DiscountSerializer(allow_null=True))
    def get_discount(self, booking: Booking) -> dict | None:
        if booking.code_id is None:
            return None
        return DiscountSerializer(
            {"code": booking.code.code, "amount": booking.discount_amount}
        ).data

    @extend_schema_field(serializers.ChoiceField(choices=CancelledBy.choices, allow_null=True))
    def get_cancelled_by(self, booking: Booking) -> str | None:
        return booking.cancelled_by or None

    @extend_schema_field(EventSummarySerializer)
    def get_event_summary(self, booking: Booking) -> dict:
        return EventSummarySerializer(booking.event).data


class QueuedSerializer(serializers.Serializer):
    """The answer to work handed to the worker (an e-mail): it will happen shortly."""

    status = serializers.ChoiceField(choices=["queued"])


class HeldTicketSerializer(TicketSerializer):
    """A ticket as its holder sees it on its own: with its booking and event."""

    booking = serializers.IntegerField(source="booking_id", read_only=True)
    event = EventSummarySerializer(read_only=True)
    received_by_transfer = serializers.SerializerMethodField(
        help_text="Transferred to the caller by someone else (its booking is theirs)."
    )

    class Meta(TicketSerializer.Meta):
        fields = [*TicketSerializer.Meta.fields, "booking", "event", "received_by_transfer"]
        read_only_fields = fields

    def get_received_by_transfer(self, ticket: Ticket) -> bool:
        return bool(ticket.holder_email)


class TicketTransferInputSerializer(serializers.Serializer):
    email = serializers.EmailField(max_length=254, help_text="The recipient's e-mail address.")
    name = SingleLineCharField(max_length=100, help_text="The recipient's name, on the ticket.")


class TicketHolderInputSerializer(serializers.Serializer):
    attendee_name = SingleLineCharField(max_length=100, allow_blank=True, required=False)
    answers = serializers.DictField(
        child=serializers.JSONField(allow_null=True),
        required=False,
        help_text='Answers to change: {"<question id>": value}; null clears one.',
    )


class WaitingListJoinInputSerializer(serializers.Serializer):
    quantity = serializers.IntegerField(min_value=1, max_value=1000)
    ticket_type = serializers.IntegerField(
        min_value=1,
        max_value=2**53,
        required=False,
        allow_null=True,
        help_text="The sold-out type to wait for; may be left out when the event has one type.",
    )


class WaitingListAcceptInputSerializer(serializers.Serializer):
    """As for POST /api/book-ticket/: how to pay a priced offer, the holders and answers."""

    payment_method = serializers.ChoiceField(choices=PaymentMethod.choices, required=False)
    attendees = AttendeeInputSerializer(many=True, required=False, max_length=1000)
    answers = serializers.DictField(
        child=serializers.JSONField(allow_null=True),
        required=False,
        help_text='Answers to the per-booking questions: {"<question id>": value}.',
    )


class WaitingListEntrySerializer(serializers.ModelSerializer):
    ticket_type = TicketTypeRefSerializer(read_only=True)
    status = serializers.SerializerMethodField(
        help_text="waiting, offered, booked, expired (an offer that lapsed) or left."
    )
    position = serializers.SerializerMethodField(
        help_text="Place in the queue (1 = next) while waiting or offered; else null."
    )

    class Meta:
        model = WaitingListEntry
        fields = [
            "id",
            "ticket_type",
            "quantity",
            "status",
            "position",
            "created_at",
            "offer_expires_at",
            "booking",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.ChoiceField(choices=WaitingStatus.choices))
    def get_status(self, entry: WaitingListEntry) -> str:
        # A GET never writes: an offer past its deadline reads as expired until the sweep
        # (or the next write) passes it on.
        if entry.status == WaitingStatus.OFFERED and entry.offer_expires_at <= timezone.now():
            return WaitingStatus.EXPIRED
        return entry.status

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_position(self, entry: WaitingListEntry) -> int | None:
        if self.get_status(entry) not in (WaitingStatus.WAITING, WaitingStatus.OFFERED):
            return None
        return getattr(entry, "queue_position", None)


class MyWaitingListEntrySerializer(WaitingListEntrySerializer):
    event = EventSummarySerializer(read_only=True)

    class Meta(WaitingListEntrySerializer.Meta):
        fields = [*WaitingListEntrySerializer.Meta.fields, "event"]
        read_only_fields = fields


class WaitingPersonSerializer(serializers.Serializer):
    name = serializers.CharField()
    email = serializers.EmailField()


class EventWaitingListEntrySerializer(WaitingListEntrySerializer):
    """The organizer's view of the list: who waits."""

    user = WaitingPersonSerializer(read_only=True)

    class Meta(WaitingListEntrySerializer.Meta):
        fields = [*WaitingListEntrySerializer.Meta.fields, "user"]
        read_only_fields = fields
