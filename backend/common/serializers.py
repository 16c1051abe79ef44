"""Serializer fields every app uses."""

from __future__ import annotations

from datetime import UTC, datetime

from rest_framework import serializers

from .text import has_line_breaking

# Dates an event can sensibly have. Far outside them, date arithmetic (check-in opens two
# hours before the start) and time-zone conversion overflow; every date is refused there.
EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)
LATEST = datetime(2200, 1, 1, tzinfo=UTC)


class BoundedDateTimeField(serializers.DateTimeField):
    """An ISO 8601 date-time between 2000 and 2200 (an offset is required to be exact; none
    means the server's time zone)."""

    default_error_messages = {
        "out_of_range": "Give a date between 2000 and 2199.",
    }

    def to_internal_value(self, value):
        try:
            parsed = super().to_internal_value(value)
        except (OverflowError, ValueError):
            self.fail("out_of_range")
        if not EARLIEST <= parsed < LATEST:
            self.fail("out_of_range")
        return parsed


def single_line(value: str) -> str:
    """A validator: refuses control characters (CR, LF, TAB...) and line separators in a
    name or a title, which end up in e-mail headers and on printed tickets."""
    if has_line_breaking(value):
        raise serializers.ValidationError(
            "Use one line of text: no line breaks, tabs or other control characters."
        )
    return value


class SingleLineCharField(serializers.CharField):
    """A CharField for names and titles: one line of text (single_line)."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.validators.append(single_line)
