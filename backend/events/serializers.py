from decimal import Decimal

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from common.serializers import BoundedDateTimeField

from .models import Event, EventStaff, EventStatus, PaymentMethod, TicketType


class OrganizerSummarySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class TicketTypeSerializer(serializers.ModelSerializer):
    available = serializers.IntegerField(read_only=True)

    class Meta:
        model = TicketType
        fields = [
            "id",
            "name",
            "description",
            "price",
            "quota",
            "sold",
            "available",
            "sales_start",
            "sales_end",
            "max_per_booking",
            "position",
        ]
        read_only_fields = fields


class TicketTypeInputSerializer(serializers.Serializer):
    """What an organizer may send to create (name required) or PATCH (any subset) a type."""

    name = serializers.CharField(max_length=100)
    description = serializers.CharField(max_length=2_000, allow_blank=True, required=False)
    price = serializers.DecimalField(
        max_digits=10, decimal_places=2, min_value=Decimal("0"), required=False
    )
    quota = serializers.IntegerField(
        min_value=1, max_value=1_000_000, allow_null=True, required=False
    )
    sales_start = BoundedDateTimeField(allow_null=True, required=False)
    sales_end = BoundedDateTimeField(allow_null=True, required=False)
    max_per_booking = serializers.IntegerField(
        min_value=1, max_value=100, allow_null=True, required=False
    )
    position = serializers.IntegerField(min_value=0, max_value=10_000, required=False)


class EventSerializer(serializers.ModelSerializer):
    organizer = OrganizerSummarySerializer(read_only=True)
    tickets_available = serializers.IntegerField(read_only=True)
    price = serializers.SerializerMethodField()
    ticket_types = TicketTypeSerializer(many=True, read_only=True)
    payment_methods = serializers.ListField(
        child=serializers.ChoiceField(choices=PaymentMethod.choices), read_only=True
    )

    class Meta:
        model = Event
        fields = [
            "id",
            "title",
            "description",
            "venue",
            "category",
            "starts_at",
            "ends_at",
            "checkin_opens_at",
            "capacity",
            "tickets_sold",
            "tickets_available",
            "price",
            "currency",
            "max_per_booking",
            "status",
            "organizer",
            "ticket_types",
            "payment_methods",
            "hold_minutes",
            "manual_payment_hours",
            "payment_instructions",
            "attendee_cancel_until",
            "allow_reentry",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.DecimalField(max_digits=10, decimal_places=2))
    def get_price(self, event: Event) -> str:
        """The lowest price of its ticket types (what "from" means on a listing)."""
        prices = [ticket_type.price for ticket_type in event.ticket_types.all()]
        value = min(prices) if prices else event.price
        return serializers.DecimalField(max_digits=10, decimal_places=2).to_representation(value)


class EventInputSerializer(serializers.Serializer):
    """What an organizer may send to create (all required fields) or PATCH (any subset)."""

    title = serializers.CharField(max_length=200)
    description = serializers.CharField(max_length=10_000, allow_blank=True, required=False)
    venue = serializers.CharField(max_length=200)
    category = serializers.CharField(max_length=50, allow_blank=True, required=False)
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
    payment_instructions = serializers.CharField(max_length=5_000, allow_blank=True, required=False)
    attendee_cancel_until = BoundedDateTimeField(allow_null=True, required=False)

    def validate_payment_methods(self, value: list[str]) -> list[str]:
        return sorted(set(value))
    allow_reentry = serializers.BooleanField(
        required=False, help_text="Admitted tickets may scan out and back in."
    )

    def validate_category(self, value: str) -> str:
        return value.strip().lower()


class StaffMemberSerializer(serializers.ModelSerializer):
    """A door staff entry: an open invitation (no name: nobody has accepted it) or the
    person who accepted it."""

    name = serializers.SerializerMethodField()
    status = serializers.ChoiceField(choices=["invited", "accepted"], read_only=True)

    class Meta:
        model = EventStaff
        fields = ["id", "email", "name", "status", "added_at", "invited_at", "accepted_at"]
        read_only_fields = fields

    def get_name(self, staff: EventStaff) -> str | None:
        return staff.user.name if staff.user_id else None


class StaffAddInputSerializer(serializers.Serializer):
    email = serializers.EmailField(max_length=254)


class StaffInvitedSerializer(serializers.Serializer):
    """The answer to an invitation: the same for every address."""

    email = serializers.EmailField()
    status = serializers.ChoiceField(choices=["invited"])
