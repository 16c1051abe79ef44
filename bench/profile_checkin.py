"""Where a scan's time goes: the check-in storm's requests served in this one process by
Django's test client (no network, no other workers), under cProfile, on MariaDB, with the
SQL time measured apart (a database execute wrapper).

    .venv/bin/python bench/profile_checkin.py --tickets 4000 --scans 2000

Prints the share of the wall time spent waiting for MariaDB, the queries per scan, and the
top functions by cumulative time; the full profile goes to --out (pstats / snakeviz).
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import re
import time

import checkin_storm
from harness import django_setup, fresh_mysql_url, manage, server_env


class SqlClock:
    """A connection.execute_wrapper: time and count every query."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self.queries = 0
        self.by_statement: dict[str, list[float]] = {}

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            took = time.perf_counter() - started
            self.seconds += took
            self.queries += 1
            shape = re.sub(r"\s+", " ", sql)[:90]
            self.by_statement.setdefault(shape, []).append(took)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tickets", type=int, default=4000)
    parser.add_argument("--scans", type=int, default=2000)
    parser.add_argument("--out", default="/tmp/checkin.prof")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/6")
    parser.add_argument(
        "--no-cprofile",
        action="store_true",
        help="time only (cProfile slows Python down, not the database: the shares shift)",
    )
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_DATABASE_URL", "mysql://root@127.0.0.1:3306/qe_bench"),
    )
    args = parser.parse_args()
    env = server_env(fresh_mysql_url(args.database_url, checkin_storm.DATABASE + "_profile"))
    env["ALLOWED_HOSTS"] = "testserver,localhost"
    if args.redis_url:
        env["REDIS_URL"] = args.redis_url  # the live views' channel layer, as in production
    manage(env, "migrate", "--noinput", "-v", "0")
    django_setup(env)
    from django.db import connection
    from django.test import Client

    _, requests = checkin_storm.prepare(args.tickets, 32, 0.10, 0.05)
    requests = requests[: args.scans]
    client = Client()
    clock = SqlClock()
    profile = cProfile.Profile()
    with connection.execute_wrapper(clock):
        started = time.perf_counter()
        if not args.no_cprofile:
            profile.enable()
        for request in requests:
            answer = client.post(
                request.path,
                request.body,
                content_type="application/json",
                headers={"Authorization": request.authorization},
            )
            assert answer.status_code == 200, answer.content
        profile.disable()
        wall = time.perf_counter() - started
    print(
        f"{len(requests)} scans in {wall:.2f} s: {wall / len(requests) * 1000:.2f} ms a scan, "
        f"{clock.queries / len(requests):.1f} queries a scan, "
        f"{clock.seconds / wall:.0%} of the time waiting for MariaDB "
        f"({clock.seconds / len(requests) * 1000:.2f} ms a scan)"
    )
    for shape, times in sorted(clock.by_statement.items(), key=lambda item: -sum(item[1]))[:12]:
        print(
            f"  {sum(times) / len(requests) * 1000:6.2f} ms a scan  {len(times):6d} x "
            f"{sum(times) / len(times) * 1000:5.2f} ms  {shape}"
        )
    if args.no_cprofile:
        return
    profile.dump_stats(args.out)
    pstats.Stats(args.out).sort_stats("cumulative").print_stats(40)


if __name__ == "__main__":
    main()
