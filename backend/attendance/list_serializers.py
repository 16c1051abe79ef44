"""Check-in lists as the API shows and takes them (`/api/events/{id}/checkin-lists/`)."""

from rest_framework import serializers

_ID = {"min_value": 1, "max_value": 2**53}


class ListTicketTypeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class CheckinListSerializer(serializers.Serializer):
    """Reads a CheckinList from attendance.selectors.checkin_list_list."""

    id = serializers.IntegerField()
    name = serializers.CharField()
    ticket_types = ListTicketTypeSerializer(
        many=True, source="ticket_types.all", help_text="The types admitted; empty: every type."
    )
    is_default = serializers.SerializerMethodField(
        help_text="The event's Entry list: its admissions are the event's counters."
    )
    checked_in = serializers.IntegerField(help_text="Tickets admitted on this list.")

    def get_is_default(self, checkin_list) -> bool:
        return bool(checkin_list.is_default)


class CheckinListInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=100, trim_whitespace=True)
    ticket_types = serializers.ListField(
        child=serializers.IntegerField(**_ID),
        max_length=200,
        default=list,
        help_text="Ticket type ids of the event; empty: every type.",
    )


class ListRefSerializer(serializers.Serializer):
    """Which check-in list a scan was made on."""

    id = serializers.IntegerField()
    name = serializers.CharField()
