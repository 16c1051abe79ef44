"""Add-to-calendar files: one VEVENT in the event's own zone, with that zone's VTIMEZONE, so a
calendar anywhere shows the right local time (icalendar)."""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from .models import Event


def event_calendar_ics(event: Event, *, url: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//QR-Entry//Event calendar//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    entry = CalendarEvent()
    # Stable per event and server: importing the file again updates the same entry.
    host = (settings.PUBLIC_URL or "qr-entry.local").split("//")[-1].strip("/")
    entry.add("uid", f"event-{event.id}@{host}")
    entry.add("dtstamp", timezone.now())
    entry.add("summary", event.title)
    entry.add("dtstart", event.starts_at.astimezone(event.zone))
    entry.add("dtend", event.ends_at.astimezone(event.zone))
    location = ", ".join(part for part in (event.venue, event.venue_address) if part)
    entry.add("location", location)
    description = event.description.strip()
    entry.add("description", f"{description}\n\n{url}".strip())
    entry.add("url", url)
    entry.add("status", "CANCELLED" if event.status == "cancelled" else "CONFIRMED")
    calendar.add_component(entry)
    calendar.add_missing_timezones()
    return calendar.to_ical()
