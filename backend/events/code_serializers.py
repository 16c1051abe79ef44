"""Codes and hidden ticket types: the organizer's view of discount and access codes and
what they may send, what a code shows a buyer, and which types a viewer may see; what an
organizer may send for a ticket type (with its `hidden` switch)."""

from decimal import Decimal
from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from common.serializers import BoundedDateTimeField, SingleLineCharField

from .models import Code, CodeKind


def visible_ticket_types(
    ticket_types: list[dict[str, Any]], *, manager: bool, code: Code | None
) -> list[dict[str, Any]]:
    """The types (as serialized) a viewer may see: all for the organizer, else the listed
    ones and the hidden ones `code` (an access code) unlocks."""
    if manager:
        return ticket_types
    unlocked: set[int] | None = None
    if code is not None and code.kind == CodeKind.ACCESS:
        unlocked = code.type_ids
    return [
        t
        for t in ticket_types
        if not t["hidden"] or (unlocked is not None and (not unlocked or t["id"] in unlocked))
    ]


class CodeTermsSerializer(serializers.Serializer):
    """What a code typed by a buyer does (GET /api/events/{id}/?code=): never its uses."""

    code = serializers.CharField()
    kind = serializers.ChoiceField(choices=CodeKind.choices)
    percent_off = serializers.DecimalField(max_digits=5, decimal_places=2, allow_null=True)
    amount_off = serializers.DecimalField(max_digits=10, decimal_places=2, allow_null=True)
    ticket_types = serializers.ListField(
        child=serializers.IntegerField(),
        source="type_ids",
        help_text="The types it applies to (or unlocks); empty: all.",
    )


class CodeSerializer(serializers.ModelSerializer):
    """A code as its organizer sees it, with its uses (bookings holding it)."""

    ticket_types = serializers.SerializerMethodField(
        help_text="The types it applies to (discount) or unlocks (access); empty: all."
    )

    class Meta:
        model = Code
        fields = [
            "id",
            "code",
            "kind",
            "percent_off",
            "amount_off",
            "ticket_types",
            "max_uses",
            "uses",
            "valid_from",
            "valid_until",
            "active",
            "created_at",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_ticket_types(self, code: Code) -> list[int]:
        return sorted(t.id for t in code.ticket_types.all())


class CodeInputSerializer(serializers.Serializer):
    """What an organizer may send to create (code and kind required) or PATCH a code."""

    code = serializers.RegexField(
        r"^\s*[A-Za-z0-9][A-Za-z0-9_-]{1,38}\s*$",
        max_length=42,
        help_text="2-40 letters, digits, - or _; kept upper-case, matched in any case.",
    )
    kind = serializers.ChoiceField(choices=CodeKind.choices)
    percent_off = serializers.DecimalField(
        max_digits=5, decimal_places=2, allow_null=True, required=False
    )
    amount_off = serializers.DecimalField(
        max_digits=10, decimal_places=2, allow_null=True, required=False
    )
    ticket_types = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=2**53),
        max_length=100,
        required=False,
    )
    max_uses = serializers.IntegerField(
        min_value=1, max_value=1_000_000, allow_null=True, required=False
    )
    valid_from = BoundedDateTimeField(allow_null=True, required=False)
    valid_until = BoundedDateTimeField(allow_null=True, required=False)
    active = serializers.BooleanField(required=False)


class TicketTypeInputSerializer(serializers.Serializer):
    """What an organizer may send to create (name required) or PATCH (any subset) a type."""

    name = SingleLineCharField(max_length=100)
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
    hidden = serializers.BooleanField(
        required=False, help_text="Listed and bookable only with an access code that unlocks it."
    )
