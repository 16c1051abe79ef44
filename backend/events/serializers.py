from rest_framework import serializers

from .models import Event


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
        ]
        read_only_fields = fields
