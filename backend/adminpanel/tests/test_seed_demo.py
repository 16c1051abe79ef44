"""`make seed` gives a newcomer something to see: a finished event with sales, check-ins and
no-shows, a live one with arrivals at several gates, a two-type event; and runs again
without doubling anything."""

import pytest
from django.core.management import call_command

from adminpanel.demo_activity import ENDED, LIVE
from adminpanel.selectors import event_analytics
from events.models import Event
from events.selectors import sales_attach

pytestmark = pytest.mark.django_db


def analytics_of(title):
    return event_analytics(event=Event.objects.get(title=title))


def test_demo_shows_analytics_and_runs_again_without_doubling(capsys):
    call_command("seed_demo")
    assert "organizer@demo.qr-entry.test" in capsys.readouterr().out
    ended, live = analytics_of(ENDED), analytics_of(LIVE)
    assert ended["sold"] > 0 and ended["checked_in"] > 0
    assert ended["no_shows"] > 0 and ended["phase"] == "ended"
    assert {row["name"] for row in ended["by_ticket_type"]} == {"General admission", "VIP table"}
    assert all(row["sold"] > 0 for row in ended["by_ticket_type"])
    assert ended["revenue"] != "0.00"
    assert live["phase"] == "live" and live["checked_in"] > 0
    assert len([row for row in live["by_gate"] if row["count"] > 0]) > 1
    assert len([bucket for bucket in live["arrivals"] if bucket["count"] > 0]) > 2

    call_command("seed_demo")
    assert analytics_of(ENDED)["sold"] == ended["sold"]
    again = analytics_of(LIVE)
    assert (again["sold"], again["checked_in"]) == (live["sold"], live["checked_in"])
    assert again["by_gate"] == live["by_gate"]


def test_the_paid_demo_event_shows_its_hold_as_pending_everywhere():
    call_command("seed_demo")
    event = Event.objects.get(title="Harbour Lights Festival")
    sales_attach([event])
    analytics = event_analytics(event=event)
    assert (event.sales.sold, event.sales.pending) == (0, 3)
    assert (analytics["sold"], analytics["pending_tickets"]) == (0, 3)


def test_every_demo_event_has_its_entry_list():
    """The door scans demo events on their Entry list, as on any event made through the API."""
    from events.models import CheckinList, Event

    call_command("seed_demo")
    events = set(Event.objects.values_list("id", flat=True))
    assert events
    assert set(CheckinList.objects.filter(is_default=True).values_list("event_id", flat=True)) == (
        events
    )
