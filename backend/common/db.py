"""Transactions that survive InnoDB deadlocks.

InnoDB may pick a transaction as a deadlock victim even when every writer takes the event row
first: an UPDATE that the optimizer runs through a secondary index locks that index entry
before the row. The documented answer is to run the transaction again; this does so a few
times, only at the outermost level (a nested block cannot restart its caller).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

from django.db import OperationalError, connection, transaction

T = TypeVar("T")
MYSQL_DEADLOCK = 1213
ATTEMPTS = 4


def _is_deadlock(error: OperationalError) -> bool:
    return bool(error.args) and error.args[0] == MYSQL_DEADLOCK


def atomic_with_retry(work: Callable[[], T]) -> T:
    if connection.in_atomic_block:
        with transaction.atomic():
            return work()
    for attempt in range(1, ATTEMPTS + 1):
        try:
            with transaction.atomic():
                return work()
        except OperationalError as error:
            if not _is_deadlock(error) or attempt == ATTEMPTS:
                raise
            time.sleep(0.005 * attempt)
    raise AssertionError("unreachable")
