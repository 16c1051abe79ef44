from rest_framework import serializers

from bookings.models import Ticket

from .models import Scan


class ValidateInputSerializer(serializers.Serializer):
    code = serializers.CharField(max_length=512, trim_whitespace=True)
    event = serializers.IntegerField(min_value=1, max_value=2**53)
    gate = serializers.CharField(max_length=64, default="main")


class UndoInputSerializer(serializers.Serializer):
    event = serializers.IntegerField(min_value=1, max_value=2**53)
    ticket = serializers.IntegerField(min_value=1, max_value=2**53)


class TicketSummarySerializer(serializers.ModelSerializer):
    booking = serializers.IntegerField(source="booking_id")
    event = serializers.IntegerField(source="event_id")
    holder_name = serializers.CharField(source="booking.user.name")

    class Meta:
        model = Ticket
        fields = ["id", "booking", "event", "holder_name"]
        read_only_fields = fields


class PersonSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class ScanSerializer(serializers.ModelSerializer):
    scanner = PersonSerializer()
    ticket = TicketSummarySerializer(allow_null=True)

    class Meta:
        model = Scan
        fields = [
            "id",
            "scanned_at",
            "gate",
            "result",
            "reason",
            "suspected_sharing",
            "scanner",
            "ticket",
        ]
        read_only_fields = fields


class CountersSerializer(serializers.Serializer):
    checked_in = serializers.IntegerField()
    tickets_sold = serializers.IntegerField()
    capacity = serializers.IntegerField()


class ValidateResultSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=["accepted", "rejected"])
    reason = serializers.CharField(allow_null=True)
    scan_id = serializers.IntegerField()
    ticket = TicketSummarySerializer(allow_null=True)
    checked_in_at = serializers.DateTimeField(allow_null=True)
    first_checked_in_at = serializers.DateTimeField(allow_null=True)
    first_gate = serializers.CharField(allow_null=True)
    first_checked_in_by = serializers.CharField(allow_null=True)
    checkin_opens_at = serializers.DateTimeField()
    counters = CountersSerializer()


class UndoResultSerializer(serializers.Serializer):
    scan = ScanSerializer()
    counters = CountersSerializer()
