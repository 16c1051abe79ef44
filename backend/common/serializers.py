"""Serializer fields every app uses."""

from __future__ import annotations

from datetime import UTC, datetime

from rest_framework import serializers

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
