"""Ticket holders and the event's questions, through the API: asked at booking, checked (a
wrong or missing answer writes nothing), edited by the holder until the start, shown to the
organizer and exported one column each."""

import csv
import io
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from pypdf import PdfReader

from bookings.models import Booking, Ticket
from conftest import client_for
from events.models import Event, Question
from events.tests.factories import EventFactory
from users.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

BOOK = "/api/book-ticket/"


@pytest.fixture
def gala():
    """A free gala with General admission and VIP table, asking every holder's diet (required),
    VIP holders their t-shirt size, and the booking its company."""
    event = EventFactory(
        ticket_types=[
            {"name": "General admission", "price": Decimal("0")},
            {"name": "VIP table", "price": Decimal("0")},
        ]
    )
    general, vip = event.ticket_types.order_by("id")
    organizer = client_for(event.organizer)

    def ask(**body):
        response = organizer.post(f"/api/events/{event.id}/questions/", body, format="json")
        assert response.status_code == 201, response.json()
        return response.json()

    diet = ask(label="Dietary needs", kind="choice", options=["None", "Vegan"], required=True)
    shirt = ask(label="T-shirt size", kind="choice", options=["S", "M", "L"], ticket_types=[vip.id])
    company = ask(label="Company", kind="text", per="booking")
    consent = ask(label="Photos OK?", kind="boolean")
    return event, general, vip, {"diet": diet, "shirt": shirt, "company": company, "ok": consent}


def _book(client, event, items, **body):
    return client.post(BOOK, {"event": event.id, "items": items, **body}, format="json")


def test_the_organizer_asks_questions_and_anyone_who_sees_the_event_reads_them(gala):
    event, _general, vip, questions = gala
    listed = client_for(UserFactory()).get(f"/api/events/{event.id}/questions/").json()
    assert [q["label"] for q in listed] == [
        "Dietary needs",
        "T-shirt size",
        "Company",
        "Photos OK?",
    ]
    shirt = next(q for q in listed if q["id"] == questions["shirt"]["id"])
    assert shirt["ticket_types"] == [{"id": vip.id, "name": "VIP table"}]
    assert shirt["options"] == ["S", "M", "L"] and shirt["per"] == "ticket"


@pytest.mark.parametrize(
    "body, field",
    [
        ({"label": "Size", "kind": "choice"}, "options"),
        ({"label": "Size", "kind": "choice", "options": ["S", "S"]}, "options"),
        ({"label": "Name", "kind": "text", "options": ["x"]}, "options"),
        ({"label": "Name", "kind": "text", "ticket_types": [999_999]}, "ticket_types"),
        ({"label": "Name", "kind": "essay"}, "kind"),
        ({"label": "", "kind": "text"}, "label"),
    ],
)
def test_a_bad_question_is_400_with_its_field_and_nothing_is_written(gala, body, field):
    event, *_ = gala
    before = Question.objects.count()
    response = client_for(event.organizer).post(
        f"/api/events/{event.id}/questions/", body, format="json"
    )
    assert response.status_code == 400
    assert field in response.json()["fields"]
    assert Question.objects.count() == before


def test_another_events_type_cannot_limit_a_question(gala):
    event, *_ = gala
    other_type = EventFactory(organizer=event.organizer).ticket_types.get()
    response = client_for(event.organizer).post(
        f"/api/events/{event.id}/questions/",
        {"label": "X", "kind": "text", "ticket_types": [other_type.id]},
        format="json",
    )
    assert response.status_code == 400 and "ticket_types" in response.json()["fields"]


def test_a_booking_names_each_holder_and_stores_their_answers(gala):
    event, general, vip, q = gala
    buyer = UserFactory(name="Bea Booker")
    diet, shirt, company, ok = (str(q[k]["id"]) for k in ("diet", "shirt", "company", "ok"))
    response = _book(
        client_for(buyer),
        event,
        [{"ticket_type": vip.id, "quantity": 1}, {"ticket_type": general.id, "quantity": 1}],
        attendees=[
            {"name": "  Vera   Vip ", "answers": {diet: "Vegan", shirt: "M", ok: True}},
            {"answers": {diet: "None"}},
        ],
        answers={company: "Acme"},
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["answers"] == {company: "Acme"}
    tickets = body["tickets"]
    by_name = {t["attendee_name"]: t for t in tickets}
    assert by_name["Vera Vip"]["ticket_type"] == {"id": vip.id, "name": "VIP table"}
    assert by_name["Vera Vip"]["answers"] == {diet: "Vegan", shirt: "M", ok: True}
    # No name given: the booker holds it.
    assert by_name["Bea Booker"]["ticket_type"] == {"id": general.id, "name": "General admission"}
    assert by_name["Bea Booker"]["answers"] == {diet: "None"}
    held = client_for(buyer).get("/api/tickets/").json()["results"]
    assert {(t["attendee_name"], t["ticket_type"]["name"]) for t in held} == {
        ("Vera Vip", "VIP table"),
        ("Bea Booker", "General admission"),
    }
    assert all(t["event"]["id"] == event.id and t["booking"] == body["id"] for t in held)


@pytest.mark.parametrize(
    "attendees, answers, field",
    [
        ([{}], {}, "attendees.0.answers.{diet}"),  # required, missing
        ([{"answers": {"{diet}": "Keto"}}], {}, "attendees.0.answers.{diet}"),  # no such option
        ([{"answers": {"{diet}": ["None"]}}], {}, "attendees.0.answers.{diet}"),  # wrong kind
        ([{"answers": {"{diet}": "None", "{shirt}": "M"}}], {}, "attendees.0.answers.{shirt}"),
        ([{"answers": {"{diet}": "None", "{ok}": "yes"}}], {}, "attendees.0.answers.{ok}"),
        ([{"answers": {"{diet}": "None", "999999": "x"}}], {}, "attendees.0.answers.999999"),
        ([{"answers": {"{diet}": "None"}}], {"{company}": 42}, "answers.{company}"),
        ([{"answers": {"{diet}": "None"}}], {"{diet}": "None"}, "answers.{diet}"),
        ([{"name": "x" * 101, "answers": {"{diet}": "None"}}], {}, "attendees"),
        ([{"answers": {"{diet}": "None"}}, {}], {}, "attendees"),  # two holders, one ticket
    ],
)
def test_a_wrong_or_missing_answer_is_400_naming_it_and_nothing_is_booked(
    gala, attendees, answers, field
):
    event, general, _vip, q = gala
    ids = {key: q[key]["id"] for key in q}

    def fill(value):
        if isinstance(value, str):
            return value.format(**ids)
        if isinstance(value, dict):
            return {fill(k): fill(v) for k, v in value.items()}
        if isinstance(value, list):
            return [fill(v) for v in value]
        return value

    response = _book(
        client_for(UserFactory()),
        event,
        [{"ticket_type": general.id, "quantity": 1}],
        attendees=fill(attendees),
        answers=fill(answers),
    )
    assert response.status_code == 400, response.json()
    assert fill(field) in response.json()["fields"]
    assert not Booking.objects.exists() and not Ticket.objects.exists()
    event.refresh_from_db()
    assert event.tickets_sold == 0


def _booked(gala, holder_name="Hal Holder"):
    event, general, _vip, q = gala
    buyer = UserFactory(name="Bea Booker")
    diet = str(q["diet"]["id"])
    response = _book(
        client_for(buyer),
        event,
        [{"ticket_type": general.id, "quantity": 1}],
        attendees=[{"name": holder_name, "answers": {diet: "None"}}],
    )
    assert response.status_code == 201
    return buyer, response.json()["tickets"][0], diet


def test_the_holder_renames_and_reanswers_until_the_start_and_the_code_stays(gala):
    event = gala[0]
    buyer, ticket, diet = _booked(gala)
    photos = str(gala[3]["ok"]["id"])
    response = client_for(buyer).patch(
        f"/api/tickets/{ticket['id']}/",
        {"attendee_name": "Hana Holder", "answers": {diet: "Vegan", photos: True}},
        format="json",
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["attendee_name"] == "Hana Holder"
    assert body["answers"] == {diet: "Vegan", photos: True}
    assert body["code"] == ticket["code"] and body["backup_code"] == ticket["backup_code"]
    # A required answer cannot be cleared; nothing changes.
    response = client_for(buyer).patch(
        f"/api/tickets/{ticket['id']}/", {"answers": {diet: None}}, format="json"
    )
    assert response.status_code == 400 and f"answers.{diet}" in response.json()["fields"]
    assert Ticket.objects.get(id=ticket["id"]).answers[diet] == "Vegan"
    # Once the event has started, nothing changes any more.
    Event.objects.filter(id=event.id).update(starts_at=timezone.now() - timedelta(minutes=1))
    response = client_for(buyer).patch(
        f"/api/tickets/{ticket['id']}/", {"attendee_name": "Late"}, format="json"
    )
    assert response.status_code == 409 and response.json()["code"] == "ticket_edit_closed"
    assert Ticket.objects.get(id=ticket["id"]).attendee_name == "Hana Holder"


def test_nobody_else_reads_or_edits_a_ticket(gala):
    event = gala[0]
    _buyer, ticket, _diet = _booked(gala)
    for stranger in (UserFactory(), event.organizer):
        client = client_for(stranger)
        assert client.get(f"/api/tickets/{ticket['id']}/").status_code == 404
        patched = client.patch(f"/api/tickets/{ticket['id']}/", {"attendee_name": "X"})
        assert patched.status_code == 404
        assert client.get("/api/tickets/").json()["count"] == 0
    assert Ticket.objects.get(id=ticket["id"]).attendee_name == "Hal Holder"


def test_the_organizer_sees_types_holders_and_answers_in_the_list_and_the_csv(gala):
    event, _general, vip, q = gala
    _buyer, _ticket, diet = _booked(gala, holder_name="=cmd")
    company, shirt = str(q["company"]["id"]), str(q["shirt"]["id"])
    response = _book(
        client_for(UserFactory(name="Vic")),
        event,
        [{"ticket_type": vip.id, "quantity": 1}],
        attendees=[{"answers": {diet: "Vegan", shirt: "L"}}],
        answers={company: "Acme"},
    )
    assert response.status_code == 201
    organizer = client_for(event.organizer)
    rows = organizer.get(f"/api/admin/events/{event.id}/attendees/").json()["results"]
    assert [(r["attendee_name"], r["ticket_type"]["name"], r["answers"]) for r in rows] == [
        ("=cmd", "General admission", {diet: "None"}),
        ("Vic", "VIP table", {diet: "Vegan", shirt: "L", company: "Acme"}),
    ]
    response = organizer.get(f"/api/admin/events/{event.id}/attendees.csv")
    text = b"".join(response.streaming_content).decode("utf-8").lstrip("\ufeff")
    header, *lines = list(csv.reader(io.StringIO(text)))
    assert header[7:] == [
        "ticket_type",
        "attendee_name",
        "Dietary needs",
        "T-shirt size",
        "Company",
        "Photos OK?",
    ]
    assert [line[7:] for line in lines] == [
        ["General admission", "'=cmd", "None", "", "", ""],
        ["VIP table", "Vic", "Vegan", "L", "Acme", ""],
    ]


def test_the_pdf_names_each_tickets_type_and_holder(gala):
    buyer, ticket, _diet = _booked(gala, holder_name="Pia Pdf")
    booking_id = Ticket.objects.get(id=ticket["id"]).booking_id
    response = client_for(buyer).get(f"/api/bookings/{booking_id}/tickets.pdf")
    assert response.status_code == 200
    pdf = b"".join(response.streaming_content) if response.streaming else response.content
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Holder: Pia Pdf" in text and "Ticket type: General admission" in text


def test_deleting_a_question_keeps_bookings_and_stops_asking_it(gala):
    event, general, _vip, q = gala
    organizer = client_for(event.organizer)
    diet = q["diet"]["id"]
    assert organizer.delete(f"/api/events/{event.id}/questions/{diet}/").status_code == 204
    response = _book(client_for(UserFactory()), event, [{"ticket_type": general.id, "quantity": 1}])
    assert response.status_code == 201
    missing = organizer.delete(f"/api/events/{event.id}/questions/{diet}/")
    assert missing.status_code == 404


def test_the_pdf_is_drawn_once_per_version_and_throttled(gala, monkeypatch, settings):
    """A big booking's PDF takes seconds: the same booking unchanged is drawn once; a renamed
    holder draws it anew; a user looping on it is stopped (429)."""
    from django.core.cache import cache

    from bookings import pdf

    cache.clear()
    drawn = []
    draw = pdf.booking_tickets_pdf
    monkeypatch.setattr(pdf, "booking_tickets_pdf", lambda b: drawn.append(b.id) or draw(b))
    buyer, ticket, _diet = _booked(gala, holder_name="Pia Pdf")
    booking_id = Ticket.objects.get(id=ticket["id"]).booking_id
    client = client_for(buyer)
    url = f"/api/bookings/{booking_id}/tickets.pdf"
    first = client.get(url)
    assert client.get(url).content == first.content
    assert drawn == [booking_id]
    patched = client.patch(f"/api/tickets/{ticket['id']}/", {"attendee_name": "Paul Pdf"})
    assert patched.status_code == 200
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(client.get(url).content)).pages)
    assert "Holder: Paul Pdf" in text and drawn == [booking_id, booking_id]
    statuses = [client.get(url).status_code for _ in range(20)]
    assert statuses.count(429) > 0 and statuses[0] == 200
    refused = client.get(url)
    assert refused.status_code == 429 and refused.json()["code"] == "throttled"


def test_a_booking_of_an_event_without_questions_reads_no_questions():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    event = EventFactory()
    client = client_for(UserFactory())
    with CaptureQueriesContext(connection) as queries:
        response = client.post(BOOK, {"event": event.id, "quantity": 1}, format="json")
    assert response.status_code == 201, response.json()
    # Only the check whether it asks any names the questions' table.
    reads = [q["sql"] for q in queries if "events_question" in q["sql"]]
    assert len(reads) == 1 and "LIMIT 1" in reads[0].upper()
