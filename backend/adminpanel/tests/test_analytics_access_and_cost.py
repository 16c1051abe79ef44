import csv
import io

import pytest

from adminpanel.selectors import attendee_rows
from attendance.services import ticket_scan
from attendance.tests.helpers import code_of, live_event, tickets_for
from conftest import client_for
from events.tests.factories import staff_accepted
from users.models import Role
from users.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def event_with_people():
    event = live_event()
    staff = UserFactory()
    staff_accepted(event, staff)
    return event, staff


def test_summary_is_for_organizers_only(event_with_people, api_client):
    _, staff = event_with_people
    assert client_for(staff).get("/api/admin/analytics/").status_code == 403
    assert api_client.get("/api/admin/analytics/").status_code == 401
    organizer = client_for(UserFactory(role=Role.ORGANIZER))
    assert organizer.get("/api/admin/analytics/").json()["events"] == []
    assert organizer.get("/api/admin/analytics/?event=abc").status_code == 400


def test_query_count_does_not_grow_with_events_or_tickets(django_assert_num_queries):
    organizer = UserFactory(role=Role.ORGANIZER)
    client = client_for(organizer)
    first = live_event(organizer=organizer)
    tickets_for(first, 1)
    # user, events, their holds (sold, pending), tickets by event, revenue by event
    with django_assert_num_queries(5):
        client.get("/api/admin/analytics/")
    for _ in range(6):
        event = live_event(organizer=organizer)
        for ticket in tickets_for(event, 3):
            ticket_scan(scanner=organizer, event=event, code=code_of(ticket), gate="A")
    with django_assert_num_queries(5):
        assert len(client.get("/api/admin/analytics/").json()["events"]) == 7
    # user, event, bookings by day (money and sales), tickets by gate, arrival and entry gate
    # (sold, check-ins, gates, inside, arrivals), offline conflicts, ticket types with what
    # their items amount to, items of bookings that do not earn, admissions per check-in list,
    # holds (sold and pending), codes with their discounts (by_code)
    with django_assert_num_queries(10):
        client.get(f"/api/admin/analytics/?event={first.id}")
    with django_assert_num_queries(10):
        client.get(f"/api/admin/analytics/?event={event.id}")


def test_attendee_list_search_and_status():
    event = live_event()
    [ticket] = tickets_for(event, holder=UserFactory(name="Zoë Ünicode", email="zoe@example.test"))
    tickets_for(event, 2)
    ticket_scan(scanner=event.organizer, event=event, code=code_of(ticket), gate="North")
    client = client_for(event.organizer)
    body = client.get(f"/api/admin/events/{event.id}/attendees/?search=zoë").json()
    assert body["count"] == 1
    row = body["results"][0]
    assert row["name"] == "Zoë Ünicode" and row["gate"] == "North" and row["checked_in_at"]
    assert client.get(f"/api/admin/events/{event.id}/attendees/").json()["count"] == 3


def test_csv_export_is_streamed_unicode_safe_and_neutralises_formulas():
    event = live_event()
    tickets_for(event, holder=UserFactory(name='=HYPERLINK("http://evil")', email="a@x.test"))
    tickets_for(event, holder=UserFactory(name="+1 555", email="b@x.test"))
    tickets_for(event, holder=UserFactory(name="-2+3", email="c@x.test"))
    tickets_for(event, holder=UserFactory(name="@SUM(A1)", email="d@x.test"))
    tickets_for(event, holder=UserFactory(name="Łukasz 東京 🎟", email="e@x.test"))
    response = client_for(event.organizer).get(f"/api/admin/events/{event.id}/attendees.csv")
    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    text = b"".join(response.streaming_content).decode("utf-8").lstrip("\ufeff")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == [
        "ticket",
        "booking",
        "name",
        "email",
        "status",
        "checked_in_at",
        "gate",
        "ticket_type",
        "attendee_name",
    ]
    assert [row[8] for row in rows[1:]] == [row[2] for row in rows[1:]]  # booked for themselves
    names = [row[2] for row in rows[1:]]
    assert names == [
        '\'=HYPERLINK("http://evil")',
        "'+1 555",
        "'-2+3",
        "'@SUM(A1)",
        "Łukasz 東京 🎟",
    ]


def test_export_reads_in_pages_and_misses_no_row():
    event = live_event()
    expected = [t.id for t in tickets_for(event, 4) + tickets_for(event, 3)]
    assert [row[0] for row in attendee_rows(event=event, chunk=2)] == expected


def test_csv_check_in_times_are_in_the_events_zone():
    from attendance.services import ticket_scan
    from attendance.tests.helpers import code_of

    event = live_event(timezone="Asia/Tokyo")
    [ticket] = tickets_for(event)
    ticket_scan(scanner=event.organizer, event=event, code=code_of(ticket), gate="Main")
    response = client_for(event.organizer).get(f"/api/admin/events/{event.id}/attendees.csv")
    text = b"".join(response.streaming_content).decode("utf-8").lstrip("\ufeff")
    [_header, row] = list(csv.reader(io.StringIO(text)))
    assert row[5].endswith("+09:00")
