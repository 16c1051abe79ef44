"""The attendance app's domain errors (common.exceptions renders them)."""

from __future__ import annotations

from common.exceptions import DomainError


class NotCheckedIn(DomainError):
    code = "not_checked_in"
    status_code = 409
    default_detail = "This ticket is not checked in."


class EntryListRequired(DomainError):
    code = "entry_list_required"
    status_code = 409
    default_detail = "The event's Entry list cannot be deleted."


class EntryListAllTypes(DomainError):
    code = "entry_list_all_types"
    status_code = 400
    default_detail = "The event's Entry list admits every ticket type; it cannot be limited."
