"""CSV export of an event's attendees, streamed row by row."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import datetime
from zoneinfo import ZoneInfo

from events.models import Event
from events.services import event_questions

from .selectors import ATTENDEE_COLUMNS, attendee_rows

# A spreadsheet runs a cell starting with these as a formula (CSV injection); a leading
# apostrophe makes it text. Tab and carriage return start formulas in some spreadsheets too.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object, zone: ZoneInfo) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):  # a multiple-choice answer
        value = "; ".join(str(option) for option in value)
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
    questions = event_questions(event.id)
    yield "\ufeff"  # byte order mark: spreadsheets then read the names as UTF-8
    labels = [_cell(question.label, event.zone) for question in questions]
    yield writer.writerow([*ATTENDEE_COLUMNS, *labels])
    rows = attendee_rows(event=event, question_ids=[question.id for question in questions])
    for row in rows:
        yield writer.writerow([_cell(value, event.zone) for value in row])
