from datetime import datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from common.serializers import BoundedDateTimeField, SingleLineCharField

from .code_serializers import CodeTermsSerializer, visible_ticket_types
from .models import (
    Event,
    EventCategory,
    EventMessage,
    EventPhase,
    EventStatus,
    PaymentMethod,
    Question,
    QuestionKind,
    QuestionScope,
    TicketType,
)
from .payment_methods import payment_methods_offered
from .permissions import may_manage, may_scan
from .selectors import sales_attach, ticket_type_sales_attach


class SalesListSerializer(serializers.ListSerializer):
    """A page of events or ticket types: their sales read for the whole page at once."""

    def to_representation(self, data: Any) -> list[Any]:
        items = list(data.all() if hasattr(data, "all") else data)
        self.child.attach_sales(items)
        return super().to_representation(items)


SOLD_HELP = "Tickets of confirmed bookings (free or paid): what every page calls sold."
PENDING_HELP = "Tickets held by bookings awaiting payment: not sold yet, shown apart."


class OrganizerSummarySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class TicketTypeSerializer(serializers.ModelSerializer):
    available = serializers.IntegerField(read_only=True)
    sold = serializers.IntegerField(source="sales.sold", read_only=True, help_text=SOLD_HELP)
    pending = serializers.IntegerField(
        source="sales.pending", read_only=True, help_text=PENDING_HELP
    )

    class Meta:
        model = TicketType
        list_serializer_class = SalesListSerializer
        fields = [
            "id",
            "name",
            "description",
            "price",
            "quota",
            "sold",
            "pending",
            "available",
            "sales_start",
            "sales_end",
            "max_per_booking",
            "position",
            "hidden",
        ]
        read_only_fields = fields

    @staticmethod
    def attach_sales(ticket_types: list[TicketType]) -> None:
        ticket_type_sales_attach(ticket_types)

    def to_representation(self, instance: TicketType) -> dict[str, Any]:
        ticket_type_sales_attach([instance])
        return super().to_representation(instance)


def valid_timezone(value: str) -> str:
    """An IANA zone name, as zoneinfo knows it ("Europe/Berlin"); raises otherwise."""
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise serializers.ValidationError(
            "Give an IANA time zone name, for example Europe/Berlin."
        ) from error
    return value


class CategoryField(serializers.ChoiceField):
    """One of the managed categories, by value, whatever its case ("Music" is music)."""

    def to_internal_value(self, data: Any) -> str:
        if isinstance(data, str):
            data = data.strip().lower()
        return super().to_internal_value(data)


class EventSerializer(serializers.ModelSerializer):
    organizer = OrganizerSummarySerializer(read_only=True)
    tickets_sold = serializers.IntegerField(
        read_only=True,
        help_text="Seats taken: sold and pending together (v1). Pages show `sold` and `pending`.",
    )
    sold = serializers.IntegerField(source="sales.sold", read_only=True, help_text=SOLD_HELP)
    pending = serializers.IntegerField(
        source="sales.pending", read_only=True, help_text=PENDING_HELP
    )
    tickets_available = serializers.IntegerField(read_only=True)
    price = serializers.SerializerMethodField()
    ticket_types = TicketTypeSerializer(many=True, read_only=True)
    payment_methods = serializers.ListField(
        child=serializers.ChoiceField(choices=PaymentMethod.choices), read_only=True
    )
    phase = serializers.SerializerMethodField(
        help_text="draft, on_sale, sold_out, live (check-in open), ended or cancelled."
    )
    payment_methods_offered = serializers.SerializerMethodField(
        help_text="The methods a buyer may choose now: manual is left out while the seats"
        " awaiting a manual payment are at manual_hold_cap."
    )
    manual_hold_cap = serializers.IntegerField(
        read_only=True,
        help_text="At most this many seats may await a manual payment at once"
        " (manual_hold_limit, else QE_MANUAL_HOLD_PERCENT of the capacity).",
    )
    manual_held = serializers.IntegerField(
        read_only=True, help_text="Seats held now by bookings awaiting a manual payment."
    )
    image = serializers.SerializerMethodField(help_text="URL of the event image, or null.")
    timezone = serializers.CharField(
        read_only=True, help_text="IANA zone the event happens in: show its times there."
    )
    category = serializers.ChoiceField(
        choices=EventCategory.choices,
        allow_blank=True,
        read_only=True,
        help_text="One of the managed categories (GET /api/events/categories/), or blank.",
    )
    can_manage = serializers.SerializerMethodField(
        help_text="The viewer may change this event (edit, publish, cancel, staff, dashboard)."
    )
    can_scan = serializers.SerializerMethodField(
        help_text="The viewer may run this event's door (scan, search, live door)."
    )
    code = serializers.SerializerMethodField(
        help_text="With ?code=: what that code does (its discount, the types it applies to"
        " or unlocks); null otherwise. Hidden types it unlocks are listed in ticket_types."
    )

    class Meta:
        model = Event
        fields = [
            "id",
            "title",
            "description",
            "venue",
            "venue_address",
            "category",
            "timezone",
            "starts_at",
            "ends_at",
            "checkin_opens_at",
            "capacity",
            "tickets_sold",
            "sold",
            "pending",
            "tickets_available",
            "price",
            "currency",
            "max_per_booking",
            "status",
            "phase",
            "image",
            "organizer",
            "ticket_types",
            "payment_methods",
            "payment_methods_offered",
            "hold_minutes",
            "manual_payment_hours",
            "manual_hold_limit",
            "manual_hold_cap",
            "manual_held",
            "payment_instructions",
            "attendee_cancel_until",
            "transfers_until",
            "allow_reentry",
            "waiting_list",
            "offer_hours",
            "waiting_held",
            "can_manage",
            "can_scan",
            "code",
        ]
        read_only_fields = fields
        list_serializer_class = SalesListSerializer

    @staticmethod
    def attach_sales(events: list[Event]) -> None:
        sales_attach(events)

    def to_representation(self, instance: Event) -> dict[str, Any]:
        sales_attach([instance])
        data = super().to_representation(instance)
        data["ticket_types"] = visible_ticket_types(
            data["ticket_types"], manager=data["can_manage"], code=self.context.get("code")
        )
        return data

    @extend_schema_field(CodeTermsSerializer(allow_null=True))
    def get_code(self, event: Event) -> dict | None:
        code = self.context.get("code")
        return None if code is None else CodeTermsSerializer(code).data

    def _viewer(self) -> Any:
        request = self.context.get("request")
        return getattr(request, "user", None)

    def get_can_manage(self, event: Event) -> bool:
        viewer = self._viewer()
        return viewer is not None and may_manage(viewer, event)

    def get_can_scan(self, event: Event) -> bool:
        return may_scan(self._viewer(), event)

    @extend_schema_field(serializers.DecimalField(max_digits=10, decimal_places=2))
    def get_price(self, event: Event) -> str:
        """The lowest price of its ticket types (what "from" means on a listing)."""
        types = list(event.ticket_types.all())
        prices = [t.price for t in types if not t.hidden] or [t.price for t in types]
        value = min(prices) if prices else event.price
        return serializers.DecimalField(max_digits=10, decimal_places=2).to_representation(value)

    @extend_schema_field(serializers.ChoiceField(choices=EventPhase.choices))
    def get_phase(self, event: Event) -> str:
        return event.phase_at(timezone.now())

    @extend_schema_field(
        serializers.ListField(child=serializers.ChoiceField(PaymentMethod.choices))
    )
    def get_payment_methods_offered(self, event: Event) -> list[str]:
        return payment_methods_offered(event)

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_image(self, event: Event) -> str | None:
        return event.image.url if event.image else None


_AT_THE_LATEST_THE_END = {
    "attendee_cancel_until": "Attendees can cancel",
    "transfers_until": "Tickets can be transferred",
}


class EventInputSerializer(serializers.Serializer):
    """What an organizer may send to create (all required fields) or PATCH (any subset)."""

    title = SingleLineCharField(max_length=200)
    description = serializers.CharField(max_length=10_000, allow_blank=True, required=False)
    venue = SingleLineCharField(max_length=200)
    venue_address = SingleLineCharField(max_length=300, allow_blank=True, required=False)
    category = CategoryField(choices=EventCategory.choices, allow_blank=True, required=False)
    timezone = serializers.CharField(
        max_length=64,
        required=False,
        validators=[valid_timezone],
        help_text="IANA zone name; default the server's TIME_ZONE.",
    )
    starts_at = BoundedDateTimeField()
    ends_at = BoundedDateTimeField()
    checkin_opens_at = BoundedDateTimeField(required=False, allow_null=True)
    capacity = serializers.IntegerField(min_value=1, max_value=1_000_000)
    price = serializers.DecimalField(
        max_digits=10, decimal_places=2, min_value=Decimal("0"), required=False
    )
    currency = serializers.RegexField(r"^[A-Za-z]{3}$", required=False)
    max_per_booking = serializers.IntegerField(min_value=1, max_value=100, required=False)
    status = serializers.ChoiceField(choices=EventStatus.choices, required=False)
    payment_methods = serializers.ListField(
        child=serializers.ChoiceField(choices=PaymentMethod.choices),
        max_length=len(PaymentMethod.choices),
        required=False,
    )
    hold_minutes = serializers.IntegerField(min_value=1, max_value=7 * 24 * 60, required=False)
    manual_payment_hours = serializers.IntegerField(min_value=1, max_value=90 * 24, required=False)
    manual_hold_limit = serializers.IntegerField(
        min_value=0,
        max_value=1_000_000,
        allow_null=True,
        required=False,
        help_text="Seats that may await a manual payment at once; null:"
        " QE_MANUAL_HOLD_PERCENT of the capacity.",
    )
    payment_instructions = serializers.CharField(max_length=5_000, allow_blank=True, required=False)
    attendee_cancel_until = BoundedDateTimeField(allow_null=True, required=False)
    # Holders may transfer tickets until then; null: never (on create, default: the start).
    transfers_until = BoundedDateTimeField(allow_null=True, required=False)

    def validate_payment_methods(self, value: list[str]) -> list[str]:
        return sorted(set(value))

    allow_reentry = serializers.BooleanField(
        required=False, help_text="Admitted tickets may scan out and back in."
    )
    waiting_list = serializers.BooleanField(required=False)
    offer_hours = serializers.IntegerField(min_value=1, max_value=30 * 24, required=False)

    TIME_FIELDS = (
        *("starts_at", "ends_at", "checkin_opens_at"),
        *("attendee_cancel_until", "transfers_until"),
    )

    def to_internal_value(self, data: Any) -> dict[str, Any]:
        """Every error of the form in one answer: the rules between fields (the end after the
        start, publishing only what is ahead) are checked even when another field is wrong,
        and reported together with the field errors.

        A time without an offset is a wall-clock time at the venue: read in the event's zone
        (the one sent, else the event's own on a PATCH, else the server's)."""
        zone = self._zone(data)
        for name in self.TIME_FIELDS:
            self.fields[name].timezone = zone
        try:
            values = super().to_internal_value(data)
        except serializers.ValidationError as error:
            fields = dict(error.detail) if isinstance(error.detail, dict) else {}
            for name, messages in self._cross_field_errors(data).items():
                fields.setdefault(name, messages)
            raise serializers.ValidationError(fields) from error
        errors = self._cross_field_errors(data)
        # A start in the past on publishing alone is the `event_in_past` answer (services).
        if set(errors) - {"starts_at"}:
            raise serializers.ValidationError(errors)
        return values

    def _zone(self, data: Any) -> ZoneInfo:
        sent = data.get("timezone") if hasattr(data, "get") else None
        for name in (sent, self.context.get("timezone"), settings.TIME_ZONE):
            if isinstance(name, str) and name:
                try:
                    return ZoneInfo(valid_timezone(name))
                except serializers.ValidationError:
                    continue
        return ZoneInfo("UTC")

    def _parsed(self, data: Any, name: str) -> datetime | None:
        if not hasattr(data, "get") or data.get(name) in (None, ""):
            return None
        try:
            return self.fields[name].run_validation(data.get(name))
        except serializers.ValidationError:
            return None

    def _cross_field_errors(self, data: Any) -> dict[str, list[str]]:
        starts, ends = self._parsed(data, "starts_at"), self._parsed(data, "ends_at")
        opens = self._parsed(data, "checkin_opens_at")
        errors: dict[str, list[str]] = {}
        for name, text in _AT_THE_LATEST_THE_END.items():
            until = self._parsed(data, name)
            if until and ends and until > ends:
                errors[name] = [f"{text} at the latest when it ends."]
        if starts and ends and ends <= starts:
            errors["ends_at"] = ["The event must end after it starts."]
        elif opens and ends and opens >= ends:
            errors["checkin_opens_at"] = ["Check-in must open before the event ends."]
        publishing = hasattr(data, "get") and data.get("status") == EventStatus.PUBLISHED
        if publishing and starts and starts <= timezone.now():
            errors["starts_at"] = ["This start is in the past: an event is published ahead."]
        return errors


class EventCategorySerializer(serializers.Serializer):
    value = serializers.ChoiceField(choices=EventCategory.choices)
    label = serializers.CharField()


class EventImageInputSerializer(serializers.Serializer):
    image = serializers.ImageField(help_text="JPEG, PNG or WebP, at most 5 MB.")


class EventMessageInputSerializer(serializers.Serializer):
    subject = SingleLineCharField(max_length=200)
    body = serializers.CharField(max_length=10_000)


class EventMessageSerializer(serializers.ModelSerializer):
    sender = serializers.CharField(source="sender.name", read_only=True)

    class Meta:
        model = EventMessage
        fields = ["id", "subject", "body", "recipients", "sender", "created_at"]
        read_only_fields = fields


class EventCancelInputSerializer(serializers.Serializer):
    reason = serializers.CharField(
        max_length=2_000,
        allow_blank=True,
        required=False,
        help_text="Why: it goes into the e-mail every ticket holder receives.",
    )


class TicketTypeRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class QuestionSerializer(serializers.ModelSerializer):
    ticket_types = serializers.SerializerMethodField(
        help_text="The types whose tickets it is asked for; empty: all."
    )
    options = serializers.ListField(child=serializers.CharField())

    class Meta:
        model = Question
        fields = ["id", "label", "kind", "options", "required", "per", "ticket_types", "position"]
        read_only_fields = fields

    @extend_schema_field(TicketTypeRefSerializer(many=True))
    def get_ticket_types(self, question: Question) -> list[dict]:
        return [{"id": t.id, "name": t.name} for t in question.ticket_types.all()]


class QuestionInputSerializer(serializers.Serializer):
    """What an organizer may send to create (label and kind required) or PATCH a question."""

    label = SingleLineCharField(max_length=200)
    kind = serializers.ChoiceField(choices=QuestionKind.choices)
    options = serializers.ListField(
        child=SingleLineCharField(max_length=100, allow_blank=True),
        max_length=50,
        required=False,
        default=list,
    )
    required = serializers.BooleanField(required=False, default=False)
    per = serializers.ChoiceField(
        choices=QuestionScope.choices, required=False, default=QuestionScope.TICKET
    )
    ticket_types = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=2**53),
        max_length=100,
        required=False,
        default=list,
    )
    position = serializers.IntegerField(min_value=0, max_value=10_000, required=False, default=0)
