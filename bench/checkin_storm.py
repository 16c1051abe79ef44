"""Check-in storm: 32 concurrent scanners validate distinct tickets of one live event, with a
share of duplicates and fakes, over HTTP, on MariaDB, against a real multi-process server.

    .venv/bin/python bench/checkin_storm.py --scanners 32 --tickets 6000 --workers 4 --runs 3

Reports scans per second, latency percentiles, and checks that no ticket was admitted twice.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
from datetime import timedelta

from harness import (
    django_setup,
    door_event_create,
    fresh_mysql_url,
    machine,
    manage,
    percentile,
    run_load,
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
    requests = []
    for index, code in enumerate(stream):
        body = json.dumps({"code": code, "event": event.id, "gate": f"Gate {index % 8}"}).encode()
        headers = {"Authorization": tokens[index % len(tokens)], "Content-Type": "application/json"}
        requests.append(("POST", "/api/attendance/validate/", headers, body))
    return event.id, requests


def check(event_id: int) -> dict:
    from django.db.models import Count

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
    return {
        "checked_in": checked_in,
        "counter": Event.objects.get(id=event_id).checked_in_count,
        "admitted_twice": admitted_twice,
        "scan_rows": Scan.objects.filter(event_id=event_id).count(),
    }


def one_run(args, run: int) -> dict:
    from django.db import connections

    connections.close_all()
    env = server_env(fresh_mysql_url(args.database_url, DATABASE))
    manage(env, "migrate", "--noinput", "-v", "0")
    event_id, requests = prepare(args.tickets, args.scanners, args.duplicates, args.fakes)
    server = start_server(env, workers=args.workers, layout=args.layout)
    try:
        samples = run_load(server.url, requests, clients=args.scanners)
    finally:
        server.stop()
    connections.close_all()
    elapsed = max(s.finished for s in samples) - min(s.started for s in samples)
    outcomes: dict[str, int] = {}
    for sample in samples:
        key = (
            f"{sample.body.get('status')}:{sample.body.get('reason')}"
            if sample.status == 200 and sample.body
            else f"http {sample.status}"
        )
        outcomes[key] = outcomes.get(key, 0) + 1
    latencies = [(s.finished - s.started) * 1000 for s in samples]
    result = {
        "run": run,
        "layout": server.layout,
        "scanners": args.scanners,
        "scans": len(samples),
        "outcomes": outcomes,
        "scans_per_s": len(samples) / elapsed,
        "p50_ms": percentile(latencies, 50),
        "p95_ms": percentile(latencies, 95),
        "p99_ms": percentile(latencies, 99),
        **check(event_id),
    }
    result["ok"] = (
        result["admitted_twice"] == 0
        and result["counter"] == result["checked_in"] == outcomes.get("accepted:None", 0)
        and result["scan_rows"] == len(samples)
    )
    print(json.dumps(result))
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scanners", type=int, default=32)
    parser.add_argument("--tickets", type=int, default=6000)
    parser.add_argument("--duplicates", type=float, default=0.10)
    parser.add_argument("--fakes", type=float, default=0.05)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--layout", choices=["gunicorn", "uvicorn"], default="gunicorn")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_DATABASE_URL", "mysql://root@127.0.0.1:3306/x"),
    )
    args = parser.parse_args()
    django_setup(server_env(fresh_mysql_url(args.database_url, DATABASE)))
    results = [one_run(args, run) for run in range(args.runs)]
    print(f"\nmachine: {machine()}; server: {results[0]['layout']} on MariaDB")
    print(
        f"median of {args.runs}: {statistics.median(r['scans_per_s'] for r in results):.0f} "
        f"scans/s, p50 {statistics.median(r['p50_ms'] for r in results):.1f} ms, "
        f"p95 {statistics.median(r['p95_ms'] for r in results):.1f} ms, "
        f"p99 {statistics.median(r['p99_ms'] for r in results):.1f} ms, "
        f"every run consistent (nobody admitted twice): {all(r['ok'] for r in results)}"
    )
    if not all(r["ok"] for r in results):
        raise SystemExit("INCONSISTENT")


if __name__ == "__main__":
    main()
