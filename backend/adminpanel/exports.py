"""CSV export of an event's attendees, streamed row by row."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import datetime
from zoneinfo import ZoneInfo

from events.models import Event

from .selectors import ATTENDEE_COLUMNS, attendee_rows

# A spreadsheet runs a cell starting with these as a formula (CSV injection); a leading
# apostrophe makes it text. Tab and carriage return start formulas in some spreadsheets too.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object, zone: ZoneInfo) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        # In the event's zone, with its offset: the times the door staff saw on the wall.
        return value.astimezone(zone).isoformat(timespec="seconds")
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


class _Echo:
    """csv.writer writes into this and gets the line back, so each row can be yielded."""

    def write(self, value: str) -> str:
        return value


def attendee_csv_lines(*, event: Event) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield "\ufeff"  # byte order mark: spreadsheets then read the names as UTF-8
    yield writer.writerow(list(ATTENDEE_COLUMNS))
    for row in attendee_rows(event=event):
        yield writer.writerow([_cell(value, event.zone) for value in row])
