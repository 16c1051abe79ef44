"""The door: the one decider (decide), the door online (door: scans, manual check-ins,
undo) and the scans devices made offline (offline: sync). Views call these."""

from .door import (
    ScanOutcome,
    checkin_list_at_door,
    scan_outcome,
    ticket_check_in_manual,
    ticket_check_in_undo,
    ticket_scan,
)
from .lists import ListValues, checkin_list_create, checkin_list_delete, checkin_list_update
from .offline import OfflineScan, SyncOutcome, SyncReport, scans_sync

__all__ = [
    "ListValues",
    "OfflineScan",
    "ScanOutcome",
    "SyncOutcome",
    "SyncReport",
    "checkin_list_at_door",
    "checkin_list_create",
    "checkin_list_delete",
    "checkin_list_update",
    "scan_outcome",
    "scans_sync",
    "ticket_check_in_manual",
    "ticket_check_in_undo",
    "ticket_scan",
]
