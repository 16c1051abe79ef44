"""The door kit's shape (GET /api/events/{id}/door-kit/): what a scanner or a door node needs
to admit people offline. Reads an attendance.selectors.DoorKit."""

from rest_framework import serializers

from .serializers import DoorTicketSerializer


class PublicKeySerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="The key id a code carries in its first byte.")
    key = serializers.CharField(help_text="Ed25519 public key, base64 (32 bytes).")


class DoorKitEventSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    venue = serializers.CharField()
    status = serializers.CharField()
    timezone = serializers.CharField(help_text="IANA zone the event happens in.")
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    checkin_opens_at = serializers.DateTimeField()
    capacity = serializers.IntegerField()
    allow_reentry = serializers.BooleanField()


class DoorKitTicketSerializer(DoorTicketSerializer):
    """A ticket in the door kit: with what a scanner needs to decide on a list by itself."""

    ticket_type_id = serializers.IntegerField(allow_null=True)
    lists = serializers.ListField(
        child=serializers.IntegerField(),
        source="admitted_lists",
        help_text="The check-in lists other than Entry it is admitted on (Entry's admission "
        "is `checked_in_at`).",
    )


class DoorKitListSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    is_default = serializers.SerializerMethodField(help_text="The event's Entry list.")
    ticket_types = serializers.ListField(
        child=serializers.IntegerField(),
        source="type_ids",
        help_text="Ticket type ids it admits; empty: every type.",
    )

    def get_is_default(self, checkin_list) -> bool:
        return bool(checkin_list.is_default)


class RevokedCodeSerializer(serializers.Serializer):
    code_sha256 = serializers.CharField(help_text="SHA-256 (hex) of the revoked code's text.")
    backup_code = serializers.CharField(help_text="The revoked ticket's backup code.")
    revoked_at = serializers.DateTimeField(allow_null=True)


class DoorKitSerializer(serializers.Serializer):
    """Reads a DoorKit (attendance.views)."""

    event = DoorKitEventSerializer()
    public_keys = PublicKeySerializer(many=True)
    tickets = DoorKitTicketSerializer(many=True)
    lists = DoorKitListSerializer(
        many=True, help_text="The event's check-in lists, Entry first (always all of them)."
    )
    revoked = RevokedCodeSerializer(
        many=True,
        help_text="Codes of tickets transferred away (refused as `revoked`): all of them, or"
        " those revoked since the cursor. The revoked tickets are also in `tickets` (status"
        " `revoked`).",
    )
    full = serializers.BooleanField(
        help_text="Every ticket (no or an outdated `since`); else only those changed since."
    )
    cursor = serializers.CharField(help_text="Pass as `since` to get what changed after this.")
    server_time = serializers.DateTimeField()
