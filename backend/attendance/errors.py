"""The attendance app's domain errors (common.exceptions renders them)."""

from __future__ import annotations

from common.exceptions import DomainError


class NotCheckedIn(DomainError):
    code = "not_checked_in"
    status_code = 409
    default_detail = "This ticket is not checked in."
