"""Check-in storm: 32 concurrent scanners validate distinct tickets of one live event, with a
share of duplicates and fakes, over HTTP, on MariaDB, against a real multi-process server in
the production layout (gunicorn, the Redis channel layer carrying every scan to the live
views). wrk sends the scans (bench/loadgen.py); the floor is measured in the same run.

    .venv/bin/python bench/checkin_storm.py --scanners 32 --tickets 16000 --workers 4 --runs 3

Reports scans per second, latency percentiles, both as ratios to the floor, and checks that
no ticket was admitted twice.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
from datetime import timedelta

import loadgen
from harness import (
    django_setup,
    door_event_create,
    fresh_mysql_url,
    machine,
    manage,
    server_env,
    start_server,
)

DATABASE = "qe_bench_checkin"


def prepare(tickets: int, scanners: int, duplicate_share: float, fake_share: float):
    from bookings.ticket_codes import ticket_code_for

    door = door_event_create(
        title="Stadium night",
        venue="Stadium",
        tickets=tickets,
        starts_in=timedelta(minutes=30),
        staff_name="Gate",
        staff_count=scanners,
    )
    event, tokens = door.event, door.tokens
    codes = [
        ticket_code_for(event_id=event.id, ticket_id=ticket_id, key_id=door.key_id)
        for ticket_id in door.ticket_ids
    ]
    rng = random.Random(7)
    stream = list(codes)
    stream += rng.sample(codes, int(len(codes) * duplicate_share))
    for _ in range(int(len(codes) * fake_share)):
        genuine = rng.choice(codes)
        position = rng.randrange(4, len(genuine))
        stream.append(
            genuine[:position]
            + ("A" if genuine[position] != "A" else "B")
            + genuine[position + 1 :]
        )
    rng.shuffle(stream)
    requests = [
        loadgen.Request(
            "POST",
            "/api/attendance/validate/",
            tokens[index % len(tokens)],
            json.dumps({"code": code, "event": event.id, "gate": f"Gate {index % 8}"}),
        )
        for index, code in enumerate(stream)
    ]
    return event.id, requests


def check(event_id: int) -> dict:
    from django.db.models import Count, Max, Min

    from attendance.models import Scan
    from bookings.models import Ticket
    from events.models import Event

    admitted_twice = (
        Scan.objects.filter(event_id=event_id, result="accepted")
        .values("ticket_id")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .count()
    )
    checked_in = Ticket.objects.filter(event_id=event_id, checked_in_at__isnull=False).count()
    scans = Scan.objects.filter(event_id=event_id)
    window = scans.aggregate(first=Min("scanned_at"), last=Max("scanned_at"))
    return {
        "checked_in": checked_in,
        "counter": Event.objects.get(id=event_id).checked_in_count,
        "admitted_twice": admitted_twice,
        "scan_rows": scans.count(),
        "accepted_rows": scans.filter(result="accepted").count(),
        "scan_window_s": (window["last"] - window["first"]).total_seconds(),
    }


def one_run(args, run: int) -> dict:
    from django.db import connections

    connections.close_all()
    env = server_env(fresh_mysql_url(args.database_url, DATABASE))
    manage(env, "migrate", "--noinput", "-v", "0")
    event_id, requests = prepare(args.tickets, args.scanners, args.duplicates, args.fakes)
    if args.redis_url:
        env["REDIS_URL"] = args.redis_url  # the live views' channel layer, as in production
    server = start_server(env, workers=args.workers, layout=args.layout, threads=args.threads)
    try:
        loadgen.floor(server.url, connections=args.scanners, seconds=2)  # warm every worker
        before = loadgen.floor(server.url, connections=args.scanners)
        storm = loadgen.replay(server.url, requests, connections=args.scanners)
        after = loadgen.floor(server.url, connections=args.scanners)
    finally:
        server.stop()
    connections.close_all()
    floor = before if before.per_second >= after.per_second else after
    result = {
        "run": run,
        "layout": server.layout + (", Redis channel layer" if args.redis_url else ""),
        "scanners": args.scanners,
        "scans": storm.requests,
        "statuses": storm.statuses,
        "client_errors": storm.errors,
        "lost": storm.lost,
        "scans_per_s": storm.per_second,
        "p50_ms": storm.p50_ms,
        "p95_ms": storm.p95_ms,
        "p99_ms": storm.p99_ms,
        "floor_per_s": floor.per_second,
        "floor_p50_ms": floor.p50_ms,
        "floor_p99_ms": floor.p99_ms,
        "floor_before_after_per_s": [round(before.per_second), round(after.per_second)],
        "client_share_of_machine": storm.client_share,
        **check(event_id),
    }
    result["share_of_floor"] = result["scans_per_s"] / result["floor_per_s"]
    result["ok"] = (
        result["admitted_twice"] == 0
        and result["counter"] == result["checked_in"] == result["accepted_rows"]
        and result["checked_in"] == args.tickets
        and result["scan_rows"] == storm.requests == len(requests)
        and storm.lost == 0
    )
    print(json.dumps(result))
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scanners", type=int, default=32)
    parser.add_argument("--tickets", type=int, default=16000)
    parser.add_argument("--duplicates", type=float, default=0.10)
    parser.add_argument("--fakes", type=float, default=0.05)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--layout", choices=["gunicorn", "uvicorn"], default="gunicorn")
    parser.add_argument("--threads", type=int, default=1, help="> 1: gunicorn gthread workers")
    parser.add_argument(
        "--redis-url",
        default=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/6"),
        help="the channel layer ('' for the in-memory one)",
    )
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_DATABASE_URL", "mysql://root@127.0.0.1:3306/x"),
    )
    args = parser.parse_args()
    django_setup(server_env(fresh_mysql_url(args.database_url, DATABASE)))
    results = [one_run(args, run) for run in range(args.runs)]
    print(f"\nmachine: {machine()}; server: {results[0]['layout']} on MariaDB")

    def middle(key: str) -> float:
        return statistics.median(r[key] for r in results)

    print(
        f"median of {args.runs}: {middle('scans_per_s'):.0f} scans/s "
        f"({middle('share_of_floor'):.2f} of the floor's {middle('floor_per_s'):.0f}/s), "
        f"p50 {middle('p50_ms'):.1f} ms, p95 {middle('p95_ms'):.1f} ms, "
        f"p99 {middle('p99_ms'):.1f} ms (floor p50 {middle('floor_p50_ms'):.1f}, "
        f"p99 {middle('floor_p99_ms'):.1f} ms); wrk took "
        f"{middle('client_share_of_machine'):.1%} of the machine; "
        f"every run consistent (nobody admitted twice): {all(r['ok'] for r in results)}"
    )
    if not all(r["ok"] for r in results):
        raise SystemExit("INCONSISTENT")


if __name__ == "__main__":
    main()
