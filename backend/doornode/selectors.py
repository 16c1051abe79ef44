"""Reads of a door node: its scans still to push upstream, and the conflicts upstream found."""

from __future__ import annotations

from django.db.models import QuerySet

from attendance.models import Scan, ScanResult


def door_scans_to_push(*, event_id: int, limit: int) -> list[Scan]:
    """A door node's admissions and exits not yet on the main server, oldest first."""
    return list(
        Scan.objects.filter(
            event_id=event_id, pushed_at__isnull=True, result=ScanResult.ACCEPTED
        ).order_by("id")[:limit]
    )


def door_conflicts(*, event_id: int) -> QuerySet[Scan]:
    """A door node's admissions that the main server found admitted elsewhere."""
    return Scan.objects.filter(
        event_id=event_id, upstream_outcome__startswith="offline_conflict"
    ).order_by("id")
