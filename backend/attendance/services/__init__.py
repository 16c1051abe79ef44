"""The door: the one decider (decide), the door online (door: scans, manual check-ins,
undo) and the scans devices made offline (offline: sync). Views call these."""

from .door import (
    ScanOutcome,
    scan_outcome,
    ticket_check_in_manual,
    ticket_check_in_undo,
    ticket_scan,
)
from .offline import OfflineScan, SyncOutcome, SyncReport, scans_sync

__all__ = [
    "OfflineScan",
    "ScanOutcome",
    "SyncOutcome",
    "SyncReport",
    "scan_outcome",
    "scans_sync",
    "ticket_check_in_manual",
    "ticket_check_in_undo",
    "ticket_scan",
]
