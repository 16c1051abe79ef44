"""The world every permission-matrix test runs in, and how to ask "who gets what".

The one access rule (events/permissions.py): what an actor may not see answers 404, what it
may see but not do answers 403, no sign-in 401. Each app's test_permission_matrix.py lists its
endpoints with the status every kind of actor must get.
"""

from __future__ import annotations

from dataclasses import dataclass

from rest_framework.test import APIClient

from attendance.tests.helpers import live_event, tickets_for
from bookings.models import Booking, Ticket, WaitingListEntry
from conftest import client_for
from events.models import Code, Event, EventStaff, EventStatus, Question
from events.tests.factories import EventFactory, staff_accepted
from users.models import Role, User
from users.tests.factories import UserFactory

ACTORS = (
    "anonymous",
    "attendee",
    "other_attendee",
    "organizer",
    "other_organizer",
    "door_staff",
    "other_door_staff",
    "admin",
)


@dataclass
class World:
    """`event` (published, door open) and `draft` belong to `organizer`; `other_event` to
    `other_organizer`. `attendee` holds `booking` (ticket `ticket`) for `event`;
    `other_attendee` holds a booking for it too. `door_staff` scans `event` and `draft`,
    `other_door_staff` scans `other_event`; `staff_entry` is door_staff's entry at `event`."""

    users: dict[str, User | None]
    event: Event
    draft: Event
    other_event: Event
    booking: Booking
    ticket: Ticket
    staff_entry: EventStaff
    question: Question
    # attendee's entry (waiting) on other_event's waiting list.
    waiting_entry: WaitingListEntry
    # An unused discount code of `event`.
    code: Code | None = None

    def client(self, actor: str) -> APIClient:
        user = self.users[actor]
        return client_for(user) if user is not None else APIClient()

    def fill(self, template: str) -> str:
        return template.format(
            event=self.event.id,
            draft=self.draft.id,
            other_event=self.other_event.id,
            booking=self.booking.id,
            ticket=self.ticket.id,
            door_staff=self.users["door_staff"].id,
            staff_entry=self.staff_entry.id,
            question=self.question.id,
            code=self.code.id if self.code else 0,
            ticket_type=self.event.ticket_types.order_by("id").first().id,
            entry_list=self.event.checkin_lists.get(is_default=True).id,
            waiting_entry=self.waiting_entry.id,
        )


def build_world() -> World:
    users: dict[str, User | None] = {
        "anonymous": None,
        "attendee": UserFactory(role=Role.ATTENDEE),
        "other_attendee": UserFactory(role=Role.ATTENDEE),
        "organizer": UserFactory(role=Role.ORGANIZER, email_verified=True),
        "other_organizer": UserFactory(role=Role.ORGANIZER, email_verified=True),
        "door_staff": UserFactory(role=Role.ATTENDEE),
        "other_door_staff": UserFactory(role=Role.ATTENDEE),
        "admin": UserFactory(
            role=Role.ADMIN, is_staff=True, is_superuser=True, email_verified=True
        ),
    }
    event = live_event(organizer=users["organizer"])
    draft = EventFactory(organizer=users["organizer"], status=EventStatus.DRAFT)
    other_event = live_event(organizer=users["other_organizer"])
    staff_entry = staff_accepted(event, users["door_staff"])
    staff_accepted(draft, users["door_staff"])
    staff_accepted(other_event, users["other_door_staff"])
    [ticket] = tickets_for(event, holder=users["attendee"])
    tickets_for(event, holder=users["other_attendee"])
    return World(
        users=users,
        event=event,
        draft=draft,
        other_event=other_event,
        booking=ticket.booking,
        ticket=ticket,
        staff_entry=staff_entry,
        question=Question.objects.create(event=event, label="Dietary needs", kind="text"),
        waiting_entry=WaitingListEntry.objects.create(
            user=users["attendee"],
            event=other_event,
            ticket_type=other_event.ticket_types.get(),
            quantity=1,
        ),
        code=Code.objects.create(event=event, code="MATRIX", percent_off=10),
    )


def expect(**statuses: int) -> dict[str, int]:
    """Statuses by actor; `rest=` gives the status of every actor not named."""
    rest = statuses.pop("rest", None)
    unknown = set(statuses) - set(ACTORS)
    assert not unknown, unknown
    table = {actor: statuses.get(actor, rest) for actor in ACTORS}
    missing = [actor for actor, status in table.items() if status is None]
    assert not missing, f"no status given for {missing}"
    return table


def matrix_cases(endpoints: list[tuple[str, str, dict | None, dict[str, int]]]):
    """pytest parameters: one case per (endpoint, actor)."""
    import pytest

    return [
        pytest.param(method, path, body, actor, status, id=f"{method} {path} as {actor}")
        for method, path, body, table in endpoints
        for actor, status in table.items()
    ]


class Multipart(dict):
    """A body sent as multipart/form-data (a file upload endpoint), not JSON."""


def call(world: World, actor: str, method: str, path: str, body: dict | None):
    client = world.client(actor)
    url = world.fill(path)
    data = {k: world.fill(v) if isinstance(v, str) else v for k, v in (body or {}).items()}
    data = {k: int(v) if isinstance(v, str) and v.isdigit() else v for k, v in data.items()}
    body_format = "multipart" if isinstance(body, Multipart) else "json"
    return getattr(client, method.lower())(url, data or None, format=body_format)
