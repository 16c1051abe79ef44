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
from django.db.models import QuerySet

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


class PreparedRead:
    """A read the ORM compiles once per process and runs again with new values.

    On the door's hot path Django spent longer compiling a query than MariaDB took to answer
    it (bench/profile_checkin.py). `build` makes the queryset from keyword values; it is
    compiled once with marker values in their place, and each call sends that SQL with the
    real values where the markers were and the ORM's own converters applied to the rows (so
    datetimes, booleans and decimals come back as the ORM gives them). Only for querysets
    that `.values()` fixed columns, where the SQL does not depend on the values.
    """

    def __init__(self, build: Callable[..., QuerySet], *names: str) -> None:
        self._build = build
        self._names = names
        self._compiled: dict[str, tuple] = {}

    def rows(self, **values) -> list[dict]:
        sql, template, columns, compiler, converters = (
            self._compiled.get(connection.alias) or self._compile()
        )
        params = [values[part.name] if isinstance(part, _Marker) else part for part in template]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        if converters:
            rows = compiler.apply_converters(rows, converters)
        return [dict(zip(columns, row, strict=True)) for row in rows]

    def _compile(self) -> tuple:
        markers = {
            name: _Marker(name, -(7_000_001 + index)) for index, name in enumerate(self._names)
        }
        queryset = self._build(**{name: marker.value for name, marker in markers.items()})
        compiler = queryset.query.get_compiler(using=queryset.db)
        sql, params = compiler.as_sql()
        by_value = {marker.value: marker for marker in markers.values()}
        template = [
            by_value.get(param, param) if isinstance(param, int) else param for param in params
        ]
        if sum(isinstance(part, _Marker) for part in template) != len(markers):
            raise ValueError("each value must appear exactly once in the query")
        fields = [selected[0] for selected in compiler.select[: compiler.col_count]]
        converters = compiler.get_converters(fields)
        columns = [*queryset.query.values_select, *queryset.query.annotation_select]
        compiled = (sql, template, columns, compiler, converters)
        self._compiled[connection.alias] = compiled
        return compiled


class _Marker:
    def __init__(self, name: str, value: int) -> None:
        self.name = name
        self.value = value
