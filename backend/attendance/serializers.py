from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from .models import RejectReason, ScanResult


class ValidateInputSerializer(serializers.Serializer):
    code = serializers.CharField(max_length=512, trim_whitespace=True)
    event = serializers.IntegerField(min_value=1, max_value=2**53)
    gate = serializers.CharField(max_length=64, default="main")


_datetime = serializers.DateTimeField().to_representation


class UndoInputSerializer(serializers.Serializer):
    event = serializers.IntegerField(min_value=1, max_value=2**53)
    ticket = serializers.IntegerField(min_value=1, max_value=2**53)


class TicketSummarySerializer(serializers.Serializer):
    """The ticket a scan matched. Reads a Ticket (with its booking's user loaded) or the
    door's TicketAtDoor, which have the same attributes."""

    id = serializers.IntegerField()
    booking = serializers.IntegerField(source="booking_id")
    event = serializers.IntegerField(source="event_id")
    holder_name = serializers.CharField()


class PersonSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


@extend_schema_field({"type": "string", "enum": RejectReason.values, "nullable": True})
class ReasonField(serializers.CharField):
    """Why a scan was rejected; null for accepted and undone scans (stored as "")."""

    def to_representation(self, value: str) -> str | None:
        return value or None


class ScanSerializer(serializers.Serializer):
    """One row of the scan log. Reads a Scan (with scanner and ticket loaded) or a
    ScanOutcome, which have the same attributes."""

    id = serializers.IntegerField()
    scanned_at = serializers.DateTimeField()
    gate = serializers.CharField()
    result = serializers.ChoiceField(choices=ScanResult.choices)
    reason = ReasonField(allow_null=True)
    suspected_sharing = serializers.BooleanField(
        help_text="Several refused attempts on one ticket: probably a shared screenshot."
    )
    scanner = PersonSerializer()
    ticket = TicketSummarySerializer(allow_null=True)


class CountersSerializer(serializers.Serializer):
    checked_in = serializers.IntegerField()
    tickets_sold = serializers.IntegerField()
    capacity = serializers.IntegerField()


class ValidateResultSerializer(serializers.Serializer):
    """The answer to a scan. Reads a ScanOutcome."""

    status = serializers.SerializerMethodField()
    reason = ReasonField(source="scan.reason", allow_null=True)
    scan_id = serializers.IntegerField(source="scan.id")
    ticket = TicketSummarySerializer(allow_null=True)
    checked_in_at = serializers.SerializerMethodField()
    first_checked_in_at = serializers.SerializerMethodField(
        help_text="When the ticket was first admitted (also for a duplicate)."
    )
    first_gate = serializers.SerializerMethodField()
    first_checked_in_by = serializers.SerializerMethodField()
    checkin_opens_at = serializers.DateTimeField()
    counters = CountersSerializer()

    @extend_schema_field({"type": "string", "enum": ["accepted", "rejected"]})
    def get_status(self, outcome) -> str:
        return "accepted" if outcome.accepted else "rejected"

    @extend_schema_field(serializers.DateTimeField(allow_null=True))
    def get_checked_in_at(self, outcome) -> str | None:
        if not outcome.accepted:
            return None
        return _datetime(outcome.scan.scanned_at)

    @extend_schema_field(serializers.DateTimeField(allow_null=True))
    def get_first_checked_in_at(self, outcome) -> str | None:
        first = outcome.first_admission
        return _datetime(first.checked_in_at) if first else None

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_first_gate(self, outcome) -> str | None:
        first = outcome.first_admission
        return first.checked_in_gate if first else None

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_first_checked_in_by(self, outcome) -> str | None:
        first = outcome.first_admission
        return first.checked_in_by_name if first else None


class UndoResultSerializer(serializers.Serializer):
    scan = ScanSerializer()
    counters = CountersSerializer()


class SnapshotMessageSerializer(serializers.Serializer):
    """First message on the live door socket: the counters as they are now. Reads an Event
    with `counters` set."""

    type = serializers.SerializerMethodField()
    event = serializers.IntegerField(source="id")
    counters = CountersSerializer()

    @extend_schema_field({"type": "string", "enum": ["snapshot"]})
    def get_type(self, _event) -> str:
        return "snapshot"


class ScanMessageSerializer(serializers.Serializer):
    """Pushed on the live door socket after every scan or undo, from any process."""

    type = serializers.SerializerMethodField()
    scan = ScanSerializer()
    counters = CountersSerializer()

    @extend_schema_field({"type": "string", "enum": ["scan"]})
    def get_type(self, _message) -> str:
        return "scan"
