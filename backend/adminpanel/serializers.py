from rest_framework import serializers

from bookings.models import Ticket


class AttendeeSerializer(serializers.ModelSerializer):
    booking = serializers.IntegerField(source="booking_id")
    name = serializers.CharField(source="booking.user.name")
    email = serializers.EmailField(source="booking.user.email")
    gate = serializers.CharField(source="checked_in_gate")

    class Meta:
        model = Ticket
        fields = ["id", "booking", "name", "email", "status", "checked_in_at", "gate"]
        read_only_fields = fields
