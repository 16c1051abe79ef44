"""Where a booking's time goes: the flash sale's requests (POST /api/book-ticket/) served in
this one process by Django's test client (no network, no other workers), under cProfile, on
MariaDB, with the SQL time measured apart (a database execute wrapper).

    .venv/bin/python bench/profile_booking.py --capacity 1000 --bookings 1000 [--paid]

Prints the wall time per booking, the share spent waiting for MariaDB, the queries per
booking with the time of each statement shape, and the top functions by cumulative time;
the full profile goes to --out (pstats / snakeviz). Requests past the capacity are answered
`sold_out` and timed apart.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import time

import flash_sale
from harness import django_setup, fresh_mysql_url, manage, server_env
from profile_checkin import SqlClock


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--capacity", type=int, default=1000)
    parser.add_argument("--bookings", type=int, default=1000)
    parser.add_argument("--sold-out", type=int, default=200, help="requests after sold out")
    parser.add_argument("--paid", action="store_true")
    parser.add_argument("--slots", type=int, default=0)
    parser.add_argument("--out", default="/tmp/booking.prof")
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
    env = {
        **server_env(fresh_mysql_url(args.database_url, flash_sale.DATABASE + "_profile")),
        **flash_sale.STRIPE_ENV,
    }
    env["ALLOWED_HOSTS"] = "testserver,localhost"
    if args.slots:
        env["QE_SEAT_SLOTS"] = str(args.slots)
    manage(env, "migrate", "--noinput", "-v", "0")
    django_setup(env)
    from django.db import connection
    from django.test import Client

    demand = min(args.bookings, args.capacity) + args.sold_out
    _, requests = flash_sale.prepare(args.capacity, demand, paid=args.paid)
    booking_requests = requests[: min(args.bookings, args.capacity)]
    refused_requests = requests[len(booking_requests) :]
    client = Client()
    clock = SqlClock()
    # COMMIT is not a cursor execute: timed apart (it is the InnoDB log flush).
    commits = {"seconds": 0.0, "count": 0}
    plain_commit = connection.commit

    def timed_commit() -> None:
        started = time.perf_counter()
        try:
            plain_commit()
        finally:
            commits["seconds"] += time.perf_counter() - started
            commits["count"] += 1

    connection.commit = timed_commit
    profile = cProfile.Profile()

    def send(request, expected: int) -> None:
        answer = client.post(
            request.path,
            request.body,
            content_type="application/json",
            headers={"Authorization": request.authorization},
        )
        assert answer.status_code == expected, answer.content

    with connection.execute_wrapper(clock):
        started = time.perf_counter()
        if not args.no_cprofile:
            profile.enable()
        for request in booking_requests:
            send(request, 201)
        profile.disable()
        wall = time.perf_counter() - started
    count = len(booking_requests)
    print(
        f"{count} bookings in {wall:.2f} s: {wall / count * 1000:.2f} ms a booking, "
        f"{clock.queries / count:.1f} queries a booking, "
        f"{clock.seconds / wall:.0%} of the time waiting for MariaDB "
        f"({clock.seconds / count * 1000:.2f} ms a booking), plus COMMIT "
        f"{commits['seconds'] / count * 1000:.2f} ms a booking ({commits['count']} commits)"
    )
    for shape, times in sorted(clock.by_statement.items(), key=lambda item: -sum(item[1]))[:14]:
        print(
            f"  {sum(times) / count * 1000:6.2f} ms a booking  {len(times):6d} x "
            f"{sum(times) / len(times) * 1000:5.2f} ms  {shape}"
        )
    if refused_requests:
        refused = SqlClock()
        with connection.execute_wrapper(refused):
            started = time.perf_counter()
            for request in refused_requests:
                send(request, 409)
            took = time.perf_counter() - started
        print(
            f"{len(refused_requests)} sold-out answers: "
            f"{took / len(refused_requests) * 1000:.2f} ms each, "
            f"{refused.queries / len(refused_requests):.1f} queries each"
        )
    if args.no_cprofile:
        return
    profile.dump_stats(args.out)
    pstats.Stats(args.out).sort_stats("cumulative").print_stats(45)


if __name__ == "__main__":
    main()
