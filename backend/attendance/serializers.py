from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from common.serializers import BoundedDateTimeField
from events.serializers import TicketTypeRefSerializer

from .list_serializers import ListRefSerializer
from .models import Direction, RejectReason, ScanMethod, ScanResult

_ID = {"min_value": 1, "max_value": 2**53}


def ticket_type_ref(ticket) -> dict | None:
    """`{id, name}` of a ticket's type (a Ticket with its type loaded, or a TicketAtDoor)."""
    type_id = ticket.ticket_type_id
    return None if type_id is None else {"id": type_id, "name": ticket.ticket_type_name}


class ValidateInputSerializer(serializers.Serializer):
    """One scan: a QR code or a typed backup code (`code`), or a ticket found by search
    (`ticket`, a manual check-in). Exactly one of the two."""

    code = serializers.CharField(
        max_length=512,
        trim_whitespace=True,
        required=False,
        help_text="The QR code's text, or the ticket's 8-character backup code.",
    )
    ticket = serializers.IntegerField(
        **_ID, required=False, help_text="A ticket id from search: a manual check-in."
    )
    event = serializers.IntegerField(**_ID)
    gate = serializers.CharField(max_length=64, default="main")
    direction = serializers.ChoiceField(
        choices=Direction.choices,
        default=Direction.IN,
        help_text="`out` lets an admitted ticket leave (re-entry events let it back in).",
    )
    device_id = serializers.CharField(
        max_length=64,
        default="",
        allow_blank=True,
        help_text="The scanning device's id, as it sends to sync: an offline admission it "
        "uploads later of a ticket it admitted here is then a double tap, not a conflict.",
    )
    list = serializers.IntegerField(
        **_ID,
        required=False,
        source="checkin_list",
        help_text="The check-in list scanned on (its id); by default the event's Entry. Going "
        "`out` is always leaving the venue (Entry).",
    )

    def validate(self, attrs: dict) -> dict:
        if ("code" in attrs) == ("ticket" in attrs):
            raise serializers.ValidationError("Send either a code or a ticket.")
        gate = attrs["gate"].strip()
        if not gate:
            raise serializers.ValidationError({"gate": ["A gate name is required."]})
        attrs["gate"] = gate
        return attrs


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
    holder_name = serializers.CharField(help_text="The same as attendee_name (v1).")
    attendee_name = serializers.CharField(source="holder_name", help_text="Who holds it.")
    ticket_type = serializers.SerializerMethodField()
    backup_code = serializers.CharField(help_text="Printed under the QR code.")

    @extend_schema_field(TicketTypeRefSerializer(allow_null=True))
    def get_ticket_type(self, ticket) -> dict | None:
        return ticket_type_ref(ticket)


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
    direction = serializers.ChoiceField(choices=Direction.choices)
    method = serializers.ChoiceField(choices=ScanMethod.choices)
    offline = serializers.SerializerMethodField(
        help_text="Made by a device offline and uploaded later (scanned_at is its time)."
    )
    list = ListRefSerializer(
        source="checkin_list",
        allow_null=True,
        help_text="The check-in list scanned on; null: the event's Entry.",
    )

    def get_offline(self, scan) -> bool:
        return scan.synced_at is not None


class GateOccupancySerializer(serializers.Serializer):
    gate = serializers.CharField()
    inside = serializers.IntegerField(help_text="People inside who last came in here.")


class CountersSerializer(serializers.Serializer):
    checked_in = serializers.IntegerField(help_text="Tickets admitted at least once.")
    tickets_sold = serializers.IntegerField(
        help_text="Tickets of confirmed bookings (the event's `sold`): seats held for payment "
        "or for waiting-list offers are not counted."
    )
    capacity = serializers.IntegerField()
    inside = serializers.IntegerField(help_text="In the venue now: entries minus exits.")
    by_gate = GateOccupancySerializer(many=True)


class OtherEventSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    starts_at = serializers.DateTimeField()
    venue = serializers.CharField()


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
    direction = serializers.ChoiceField(source="scan.direction", choices=Direction.choices)
    method = serializers.ChoiceField(source="scan.method", choices=ScanMethod.choices)
    reentry = serializers.BooleanField(help_text="Accepted back in after scanning out.")
    other_event = OtherEventSerializer(
        allow_null=True,
        help_text="For `wrong_event`: the ticket's event, when the scanner may see it.",
    )
    list = ListRefSerializer(
        source="checkin_list",
        allow_null=True,
        help_text="The check-in list scanned on (`first_*` are the ticket's admission on it); "
        "null for a code of no ticket of this event scanned on Entry.",
    )

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


# A search names people: at least this many characters, so one letter does not list a crowd.
SEARCH_MIN_LENGTH = 3


class SearchQuerySerializer(serializers.Serializer):
    event = serializers.IntegerField(**_ID)
    q = serializers.CharField(
        min_length=SEARCH_MIN_LENGTH,
        max_length=254,
        help_text="Part of a holder's name, a whole e-mail address or a backup code.",
    )


class DoorTicketSerializer(serializers.Serializer):
    """A ticket as door staff see it: in search results and in the door kit. Reads a Ticket
    with its booking's user loaded."""

    id = serializers.IntegerField()
    booking = serializers.IntegerField(source="booking_id")
    backup_code = serializers.CharField()
    holder_name = serializers.CharField(help_text="The same as attendee_name (v1).")
    attendee_name = serializers.CharField(source="holder_name", help_text="Who holds it.")
    ticket_type = serializers.SerializerMethodField()
    status = serializers.CharField()
    checked_in_at = serializers.DateTimeField(allow_null=True)
    checked_in_gate = serializers.CharField()
    inside = serializers.BooleanField()

    @extend_schema_field(TicketTypeRefSerializer(allow_null=True))
    def get_ticket_type(self, ticket) -> dict | None:
        return ticket_type_ref(ticket)


class SearchResultSerializer(DoorTicketSerializer):
    """A ticket found by search, for door staff: no e-mail address, and the backup code
    masked to its last four characters (enough to tell two namesakes apart; the whole code
    would let anyone who searches a name walk in with it)."""

    backup_code = serializers.SerializerMethodField(
        help_text="Masked: `****` and the code's last four characters."
    )

    def get_backup_code(self, ticket) -> str:
        return "****" + ticket.backup_code[-4:]


class OfflineScanInputSerializer(serializers.Serializer):
    client_scan_id = serializers.CharField(
        max_length=64, help_text="The device's own id of this scan: uploads are idempotent by it."
    )
    code = serializers.CharField(max_length=512, required=False)
    ticket = serializers.IntegerField(**_ID, required=False)
    gate = serializers.CharField(max_length=64, default="main")
    direction = serializers.ChoiceField(choices=Direction.choices, default=Direction.IN)
    scanned_at = BoundedDateTimeField(help_text="When the device admitted it, with offset.")
    method = serializers.ChoiceField(
        choices=ScanMethod.choices,
        required=False,
        help_text="How the device identified a `ticket` (a door node forwards its scans by "
        "ticket id); by default manual. Ignored with `code`.",
    )
    list = serializers.IntegerField(
        **_ID,
        required=False,
        source="checkin_list",
        help_text="The check-in list it was scanned on; by default the event's Entry.",
    )

    def validate(self, attrs: dict) -> dict:
        if ("code" in attrs) == ("ticket" in attrs):
            raise serializers.ValidationError("Send either a code or a ticket.")
        attrs["gate"] = attrs["gate"].strip() or "main"
        return attrs


# Fits DATA_UPLOAD_MAX_MEMORY_SIZE (256 KiB) with full QR codes; longer queues go in batches.
MAX_SYNC_BATCH = 500


class SyncInputSerializer(serializers.Serializer):
    event = serializers.IntegerField(**_ID)
    device_id = serializers.CharField(
        max_length=64, help_text="A stable id of the uploading device (or door node)."
    )
    scans = OfflineScanInputSerializer(many=True, max_length=MAX_SYNC_BATCH)


class SyncResultItemSerializer(serializers.Serializer):
    """What became of one uploaded scan. Reads a SyncedScan."""

    client_scan_id = serializers.CharField()
    outcome = serializers.ChoiceField(
        choices=["accepted", "offline_conflict", "duplicate", "rejected"],
        help_text="accepted: admitted (or let out) by this upload; offline_conflict: the "
        "ticket had been admitted elsewhere (two people in on one ticket); duplicate: this "
        "device had admitted it already; rejected: see reason (`cancelled` meanwhile, ...).",
    )
    reason = ReasonField(allow_null=True)
    scan_id = serializers.IntegerField()
    direction = serializers.ChoiceField(choices=Direction.choices)
    scanned_at = serializers.DateTimeField()
    ticket = TicketSummarySerializer(allow_null=True)


class SyncResultSerializer(serializers.Serializer):
    event = serializers.IntegerField(source="event.id")
    device_id = serializers.CharField()
    results = SyncResultItemSerializer(many=True)
    counters = CountersSerializer()


# The two hottest answers, built as plain dicts. Instantiating the nested DRF serializers above
# (they deep-copy their fields every time) cost about as much as the scan's SQL in the
# check-in storm's profile (bench/profile_checkin.py). The serializers stay the contract's
# description (the OpenAPI schema); tests/test_plain_answers.py holds both to the same output.


def _person_data(user) -> dict | None:
    return None if user is None else {"id": user.id, "name": user.name}


def _ticket_data(ticket) -> dict | None:
    if ticket is None:
        return None
    return {
        "id": ticket.id,
        "booking": ticket.booking_id,
        "event": ticket.event_id,
        "holder_name": ticket.holder_name,
        "attendee_name": ticket.holder_name,
        "ticket_type": ticket_type_ref(ticket),
        "backup_code": ticket.backup_code,
    }


def _list_data(checkin_list) -> dict | None:
    return None if checkin_list is None else {"id": checkin_list.id, "name": checkin_list.name}


def counters_data(counters: dict) -> dict:
    """CountersSerializer's output."""
    return {
        "checked_in": counters["checked_in"],
        "tickets_sold": counters["tickets_sold"],
        "capacity": counters["capacity"],
        "inside": counters["inside"],
        "by_gate": [{"gate": row["gate"], "inside": row["inside"]} for row in counters["by_gate"]],
    }


def scan_data(scan) -> dict:
    """ScanSerializer's output, for a Scan or a ScanOutcome."""
    return {
        "id": scan.id,
        "scanned_at": _datetime(scan.scanned_at),
        "gate": scan.gate,
        "result": str(scan.result),
        "reason": str(scan.reason) or None,
        "suspected_sharing": scan.suspected_sharing,
        "scanner": _person_data(scan.scanner),
        "ticket": _ticket_data(scan.ticket),
        "direction": str(scan.direction),
        "method": str(scan.method),
        "offline": scan.synced_at is not None,
        "list": _list_data(scan.checkin_list),
    }


def validate_result_data(outcome) -> dict:
    """ValidateResultSerializer's output, for a ScanOutcome."""
    scan = outcome.scan
    first = outcome.first_admission
    other = outcome.other_event
    return {
        "status": "accepted" if outcome.accepted else "rejected",
        "reason": str(scan.reason) or None,
        "scan_id": scan.id,
        "ticket": _ticket_data(outcome.ticket),
        "checked_in_at": _datetime(scan.scanned_at) if outcome.accepted else None,
        "first_checked_in_at": _datetime(first.checked_in_at) if first else None,
        "first_gate": first.checked_in_gate if first else None,
        "first_checked_in_by": first.checked_in_by_name if first else None,
        "checkin_opens_at": _datetime(outcome.checkin_opens_at),
        "counters": counters_data(outcome.counters),
        "direction": str(scan.direction),
        "method": str(scan.method),
        "reentry": outcome.reentry,
        "other_event": None
        if other is None
        else {
            "id": other.id,
            "title": other.title,
            "starts_at": _datetime(other.starts_at),
            "venue": other.venue,
        },
        "list": _list_data(outcome.checkin_list),
    }


def scan_message_data(outcome) -> dict:
    """ScanMessageSerializer's output, for a ScanOutcome."""
    return {"type": "scan", "scan": scan_data(outcome), "counters": counters_data(outcome.counters)}
