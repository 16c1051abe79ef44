"""An event's check-in lists (`/api/events/{id}/checkin-lists/`): the default Entry, created
with the event, and the lists the organizer adds, each limited to some ticket types (none:
all). Entry stays: it cannot be deleted or limited, since the event's counters are its own."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from common.exceptions import InvalidInput
from events.models import CheckinList, Event, TicketType

from ..errors import EntryListAllTypes, EntryListRequired


@dataclass(frozen=True)
class ListValues:
    """What a create or an update sets; None: left as it is."""

    name: str | None = None
    ticket_types: list[int] | None = None


def _ticket_types_of(event: Event, ids: list[int]) -> list[TicketType]:
    types = list(TicketType.objects.filter(event_id=event.id, id__in=ids))
    unknown = sorted(set(ids) - {kind.id for kind in types})
    if unknown:
        raise InvalidInput(
            fields={"ticket_types": [f"Not a ticket type of this event: {unknown[0]}."]}
        )
    return types


def _name_free(event: Event, name: str, *, other_than: int | None = None) -> None:
    taken = CheckinList.objects.filter(event_id=event.id, name__iexact=name)
    if other_than is not None:
        taken = taken.exclude(id=other_than)
    if taken.exists():
        raise InvalidInput(fields={"name": ["This event has a list with this name already."]})


def checkin_list_create(*, event: Event, values: ListValues) -> CheckinList:
    """A new list of `event` (which the caller manages)."""
    assert values.name is not None
    with transaction.atomic():
        _name_free(event, values.name)
        types = _ticket_types_of(event, values.ticket_types or [])
        checkin_list = CheckinList.objects.create(event=event, name=values.name)
        checkin_list.ticket_types.set(types)
    return checkin_list


def checkin_list_update(*, checkin_list: CheckinList, values: ListValues) -> CheckinList:
    """Rename a list or change its types (Entry may be renamed, not limited)."""
    event = checkin_list.event
    with transaction.atomic():
        if values.name is not None:
            _name_free(event, values.name, other_than=checkin_list.id)
            checkin_list.name = values.name
            checkin_list.save(update_fields=["name"])
        if values.ticket_types is not None:
            if checkin_list.is_default and values.ticket_types:
                raise EntryListAllTypes(fields={"ticket_types": [EntryListAllTypes.default_detail]})
            checkin_list.ticket_types.set(_ticket_types_of(event, values.ticket_types))
    return checkin_list


def checkin_list_delete(*, checkin_list: CheckinList) -> None:
    """Delete a list other than Entry, with its admissions; its scans stay in the log."""
    if checkin_list.is_default:
        raise EntryListRequired()
    checkin_list.delete()
