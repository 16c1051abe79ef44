"""Times as people read them: in the event's own zone, with the zone named."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo


def local_time_text(moment: datetime, zone: str) -> str:
    """'Fri 5 Dec 2026, 20:00 CET': what e-mails, PDFs and calendar notes print."""
    local = moment.astimezone(ZoneInfo(zone))
    return f"{local:%a} {local.day} {local:%b %Y, %H:%M} {local.tzname()}"
