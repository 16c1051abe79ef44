from decimal import Decimal

from rest_framework import serializers

from common.serializers import BoundedDateTimeField

from .models import Event, EventStaff, EventStatus


class OrganizerSummarySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class EventSerializer(serializers.ModelSerializer):
    organizer = OrganizerSummarySerializer(read_only=True)
    tickets_available = serializers.IntegerField(read_only=True)

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
            "allow_reentry",
        ]
        read_only_fields = fields


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
