"""Discount and access codes, as their organizer writes them, and hidden ticket types as the
public, a code holder and the organizer see them."""

from decimal import Decimal

import pytest

from conftest import client_for
from events.models import Code, TicketType
from events.tests.factories import EventFactory

pytestmark = pytest.mark.django_db


def priced_event(**overrides):
    return EventFactory(
        ticket_types=[
            {"name": "Standard", "price": Decimal("20.00")},
            {"name": "Crew", "price": Decimal("5.00"), "hidden": True},
        ],
        **overrides,
    )


def codes_url(event, code_id=None):
    return f"/api/events/{event.id}/codes/" + (f"{code_id}/" if code_id else "")


def type_id(event, name):
    return TicketType.objects.get(event=event, name=name).id


def test_the_organizer_creates_lists_changes_and_deletes_a_code():
    event = priced_event()
    client = client_for(event.organizer)
    created = client.post(
        codes_url(event),
        {"code": " early-Bird ", "kind": "discount", "percent_off": "25", "max_uses": 10},
        format="json",
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["code"] == "EARLY-BIRD"
    assert body["uses"] == 0 and body["ticket_types"] == [] and body["active"] is True
    listed = client.get(codes_url(event)).json()
    assert [c["code"] for c in listed] == ["EARLY-BIRD"]
    changed = client.patch(
        codes_url(event, body["id"]),
        {"ticket_types": [type_id(event, "Standard")], "max_uses": 3},
        format="json",
    )
    assert changed.status_code == 200, changed.content
    assert changed.json()["ticket_types"] == [type_id(event, "Standard")]
    assert client.delete(codes_url(event, body["id"])).status_code == 204
    assert not Code.objects.filter(id=body["id"]).exists()


def test_a_used_code_is_deactivated_not_deleted():
    event = priced_event()
    code = Code.objects.create(event=event, code="USED", percent_off=10, uses=1)
    response = client_for(event.organizer).delete(codes_url(event, code.id))
    assert response.status_code == 204
    code.refresh_from_db()
    assert code.active is False


def test_a_code_is_unique_per_event_in_any_case():
    event = priced_event()
    client = client_for(event.organizer)
    body = {"code": "summer", "kind": "discount", "amount_off": "5"}
    assert client.post(codes_url(event), body, format="json").status_code == 201
    again = client.post(codes_url(event), {**body, "code": "SUMMER"}, format="json")
    assert again.status_code == 409 and again.json()["code"] == "code_exists"
    other = priced_event(organizer=event.organizer)
    assert client.post(codes_url(other), body, format="json").status_code == 201


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"kind": "discount", "percent_off": "0"}, "percent_off"),
        ({"kind": "discount", "percent_off": "-5"}, "percent_off"),
        ({"kind": "discount", "percent_off": "100.01"}, "percent_off"),
        ({"kind": "discount", "amount_off": "-1"}, "amount_off"),
        ({"kind": "discount", "amount_off": "0"}, "amount_off"),
        ({"kind": "discount"}, "percent_off"),
        ({"kind": "discount", "percent_off": "10", "amount_off": "1"}, "percent_off"),
        ({"kind": "access", "percent_off": "10"}, "kind"),
        ({"kind": "discount", "amount_off": "25.00"}, "amount_off"),  # above every price
        ({"kind": "discount", "percent_off": "10", "ticket_types": [999999]}, "ticket_types"),
        ({"kind": "bogus", "percent_off": "10"}, "kind"),
        (
            {
                "kind": "discount",
                "percent_off": "10",
                "valid_from": "2099-01-02T00:00:00Z",
                "valid_until": "2099-01-01T00:00:00Z",
            },
            "valid_until",
        ),
        ({"kind": "discount", "percent_off": "10", "max_uses": 0}, "max_uses"),
    ],
)
def test_bad_codes_are_refused_and_nothing_is_written(body, field):
    event = priced_event()
    response = client_for(event.organizer).post(
        codes_url(event), {"code": "BAD", **body}, format="json"
    )
    assert response.status_code == 400, response.content
    assert response.json()["code"] == "validation_error"
    assert field in response.json()["fields"]
    assert not Code.objects.exists()


def test_an_amount_above_the_price_of_a_named_type_is_refused():
    event = priced_event()
    crew = type_id(event, "Crew")
    response = client_for(event.organizer).post(
        codes_url(event),
        {"code": "TOOMUCH", "kind": "discount", "amount_off": "6", "ticket_types": [crew]},
        format="json",
    )
    assert response.status_code == 400
    assert "amount_off" in response.json()["fields"]


def test_max_uses_never_goes_below_the_uses():
    event = priced_event()
    code = Code.objects.create(event=event, code="HALF", percent_off=50, uses=3)
    response = client_for(event.organizer).patch(
        codes_url(event, code.id), {"max_uses": 2}, format="json"
    )
    assert response.status_code == 400 and "max_uses" in response.json()["fields"]
    code.refresh_from_db()
    assert code.max_uses is None


def test_hidden_types_are_listed_only_for_the_organizer_and_with_an_access_code(api_client):
    event = priced_event()
    crew = type_id(event, "Crew")
    public = api_client.get(f"/api/events/{event.id}/").json()
    assert [t["name"] for t in public["ticket_types"]] == ["Standard"]
    assert public["price"] == "20.00" and public["code"] is None
    listed = api_client.get(f"/api/events/{event.id}/ticket-types/").json()
    assert [t["name"] for t in listed] == ["Standard"]
    owner = client_for(event.organizer).get(f"/api/events/{event.id}/").json()
    assert [t["name"] for t in owner["ticket_types"]] == ["Standard", "Crew"]
    code = Code.objects.create(event=event, code="CREW", kind="access")
    code.ticket_types.set([crew])
    unlocked = api_client.get(f"/api/events/{event.id}/?code=crew").json()
    assert [(t["name"], t["price"]) for t in unlocked["ticket_types"]] == [
        ("Standard", "20.00"),
        ("Crew", "5.00"),
    ]
    assert unlocked["code"] == {
        "code": "CREW",
        "kind": "access",
        "percent_off": None,
        "amount_off": None,
        "ticket_types": [crew],
    }


def test_a_discount_code_shows_its_terms_but_unlocks_nothing(api_client):
    event = priced_event()
    Code.objects.create(event=event, code="TENOFF", percent_off=Decimal("10"))
    body = api_client.get(f"/api/events/{event.id}/?code=TenOff").json()
    assert body["code"]["percent_off"] == "10.00"
    assert [t["name"] for t in body["ticket_types"]] == ["Standard"]


@pytest.mark.parametrize("text", ["NOPE", "x" * 60])
def test_an_unknown_code_on_the_event_page_is_code_invalid(api_client, text):
    event = priced_event()
    response = api_client.get(f"/api/events/{event.id}/?code={text}")
    assert response.status_code == 400 and response.json()["code"] == "code_invalid"


def test_the_hidden_switch_is_set_through_the_ticket_type_api():
    event = priced_event()
    client = client_for(event.organizer)
    standard = type_id(event, "Standard")
    response = client.patch(
        f"/api/events/{event.id}/ticket-types/{standard}/", {"hidden": True}, format="json"
    )
    assert response.status_code == 200 and response.json()["hidden"] is True
