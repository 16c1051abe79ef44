"""Periodic jobs (the hold-expiry sweep, for example): registered by the apps, run by
`manage.py run_worker` in `make run` and by Celery beat in production."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class PeriodicJob:
    name: str
    every_seconds: float
    run: Callable[[], object]


PERIODIC_JOBS: dict[str, PeriodicJob] = {}


def every(seconds: float, *, name: str) -> Callable[[Callable[[], object]], Callable[[], object]]:
    def register(function: Callable[[], object]) -> Callable[[], object]:
        PERIODIC_JOBS[name] = PeriodicJob(name=name, every_seconds=seconds, run=function)
        return function

    return register
