from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from bookings.models import Ticket
from events.models import EventPhase, EventStatus
from events.serializers import TicketTypeRefSerializer


class AttendeeSerializer(serializers.ModelSerializer):
    booking = serializers.IntegerField(source="booking_id")
    name = serializers.CharField(source="booking.user.name", help_text="The booker's name.")
    attendee_name = serializers.CharField(help_text="Who holds the ticket.")
    ticket_type = serializers.SerializerMethodField()
    answers = serializers.SerializerMethodField(
        help_text='Answers to the questions, per ticket and per booking: {"<question id>": value}.'
    )
    email = serializers.EmailField(source="booking.user.email")
    gate = serializers.CharField(
        source="checked_in_gate", help_text="Where the ticket was admitted; empty if not yet."
    )

    class Meta:
        model = Ticket
        fields = [
            "id",
            "booking",
            "name",
            "email",
            "attendee_name",
            "ticket_type",
            "answers",
            "status",
            "checked_in_at",
            "gate",
        ]
        read_only_fields = fields

    @extend_schema_field(TicketTypeRefSerializer(allow_null=True))
    def get_ticket_type(self, ticket: Ticket) -> dict | None:
        kind = ticket.ticket_type
        return None if kind is None else {"id": kind.id, "name": kind.name}

    @extend_schema_field(serializers.DictField(child=serializers.JSONField()))
    def get_answers(self, ticket: Ticket) -> dict:
        return {**ticket.booking.answers, **ticket.answers}


class RevenueSerializer(serializers.Serializer):
    currency = serializers.CharField()
    amount = serializers.DecimalField(max_digits=14, decimal_places=2)


class AnalyticsCountersSerializer(serializers.Serializer):
    """The counters every analytics answer carries."""

    capacity = serializers.IntegerField(
        help_text="Seats on offer (in the totals: of published events, not drafts or cancelled)."
    )
    tickets_sold = serializers.IntegerField(help_text="Valid tickets: the same as `sold`.")
    sold = serializers.IntegerField(
        help_text="Tickets of confirmed bookings (free or paid): what every page calls sold."
    )
    pending_tickets = serializers.IntegerField(
        help_text="Tickets held by bookings awaiting payment: not sold yet, shown apart."
    )
    tickets_available = serializers.IntegerField()
    revenue = serializers.DecimalField(
        max_digits=14, decimal_places=2, help_text="Paid minus refunded."
    )
    checked_in = serializers.IntegerField()
    no_shows = serializers.IntegerField(
        allow_null=True,
        help_text="Valid tickets not checked in, counted once the event is over (null before; "
        "in the totals: over the events that are over).",
    )
    revenue_by_currency = RevenueSerializer(
        many=True, help_text="Revenue per currency: never a sum across currencies."
    )
    checkin_rate = serializers.FloatField(help_text="checked_in / tickets_sold, 0..1.")


class ArrivalBucketSerializer(serializers.Serializer):
    start = serializers.DateTimeField(help_text="Admissions in the 5 minutes from here.")
    count = serializers.IntegerField()


class GateCountSerializer(serializers.Serializer):
    gate = serializers.CharField()
    count = serializers.IntegerField(help_text="Tickets first admitted here.")
    inside = serializers.IntegerField(help_text="Inside now, having last come in here.")


class SalesDaySerializer(serializers.Serializer):
    date = serializers.DateField()
    count = serializers.IntegerField(help_text="Tickets sold that day.")


class CurrencyAmountSerializer(serializers.Serializer):
    currency = serializers.CharField()
    amount = serializers.DecimalField(max_digits=14, decimal_places=2)


class PendingPaymentsSerializer(serializers.Serializer):
    bookings = serializers.IntegerField(help_text="Bookings waiting for their payment.")
    amount = serializers.DecimalField(max_digits=14, decimal_places=2)


class TicketTypeSalesSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    sold = serializers.IntegerField(
        help_text="Tickets of confirmed bookings of this type (the ones `revenue` counts)."
    )
    pending = serializers.IntegerField(help_text="Tickets of this type awaiting payment.")
    revenue = serializers.DecimalField(max_digits=14, decimal_places=2)


class ListCountSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    checked_in = serializers.IntegerField()


class CodeUsesSerializer(serializers.Serializer):
    code = serializers.CharField()
    uses = serializers.IntegerField(
        help_text="Bookings holding it (confirmed or awaiting payment)."
    )
    discount_total = serializers.DecimalField(
        max_digits=14, decimal_places=2, help_text="What it took off the bookings that earn."
    )


class EventAnalyticsSerializer(AnalyticsCountersSerializer):
    event = serializers.IntegerField()
    title = serializers.CharField()
    starts_at = serializers.DateTimeField()
    timezone = serializers.CharField(help_text="IANA zone of the event: show its times there.")
    phase = serializers.ChoiceField(choices=EventPhase.choices)
    currency = serializers.CharField()
    revenue_by_currency = CurrencyAmountSerializer(many=True)
    pending = PendingPaymentsSerializer()
    by_ticket_type = TicketTypeSalesSerializer(many=True)
    arrivals = ArrivalBucketSerializer(many=True)
    by_gate = GateCountSerializer(many=True)
    by_list = ListCountSerializer(
        many=True, help_text="Admissions per check-in list, Entry (the event's) first."
    )
    by_code = CodeUsesSerializer(many=True, help_text="Each discount or access code's uses.")
    inside = serializers.IntegerField(help_text="In the venue now (entries minus exits).")
    offline_conflicts = serializers.IntegerField(
        help_text="Offline admissions of tickets already admitted elsewhere: two people in "
        "on one ticket."
    )
    sales = SalesDaySerializer(many=True)


class EventAnalyticsRowSerializer(AnalyticsCountersSerializer):
    event = serializers.IntegerField()
    title = serializers.CharField()
    status = serializers.ChoiceField(choices=EventStatus.choices)
    phase = serializers.ChoiceField(choices=EventPhase.choices)
    starts_at = serializers.DateTimeField()
    timezone = serializers.CharField(help_text="IANA zone of the event: show its times there.")
    currency = serializers.CharField()


class AnalyticsTotalsSerializer(AnalyticsCountersSerializer):
    revenue = serializers.DecimalField(
        max_digits=14,
        decimal_places=2,
        allow_null=True,
        help_text="Paid minus refunded; null when the events sell in several currencies.",
    )
    revenue_by_currency = CurrencyAmountSerializer(many=True)
    currencies = serializers.ListField(
        child=serializers.CharField(),
        help_text="The currencies `revenue` adds up: a money amount only when there is one.",
    )


class AnalyticsSummarySerializer(serializers.Serializer):
    totals = AnalyticsTotalsSerializer()
    events = EventAnalyticsRowSerializer(many=True)
