"""Offline sync throughput: devices upload 5,000 scans they made offline (the queue a door
ran up while the internet was gone) through POST /api/attendance/sync/, in batches of 500 (the
request body limit), over HTTP, on MariaDB, against a real multi-process server.

    .venv/bin/python bench/sync_throughput.py --scans 5000 --devices 1 --workers 4 --runs 3

Reports scans per second over the whole upload, then uploads everything again (a device that
never saw the answers) and checks that nothing changed: each ticket admitted once, one scan
row per offline scan. With several devices, each uploads its own share of the tickets, at the
same time.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
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

DATABASE = "qe_bench_sync"
BATCH = 500


def prepare(scans: int, devices: int):
    from django.utils import timezone

    from bookings.ticket_codes import ticket_code_for

    door = door_event_create(
        title="Festival without internet",
        venue="Field",
        tickets=scans,
        starts_in=timedelta(minutes=-30),
        staff_name="Phone",
        staff_count=devices,
    )
    event, tokens, key_id, ids = door.event, door.tokens, door.key_id, door.ticket_ids
    now = timezone.now()
    requests = []
    for device in range(devices):
        mine = ids[device::devices]
        for start in range(0, len(mine), BATCH):
            scans_json = [
                {
                    "client_scan_id": f"scan-{ticket_id}",
                    "code": ticket_code_for(event_id=event.id, ticket_id=ticket_id, key_id=key_id),
                    "gate": f"Gate {device}",
                    "direction": "in",
                    "scanned_at": (now - timedelta(seconds=len(mine) - i)).isoformat(),
                }
                for i, ticket_id in enumerate(mine[start : start + BATCH], start)
            ]
            body = json.dumps(
                {"event": event.id, "device_id": f"phone-{device}", "scans": scans_json}
            ).encode()
            headers = {"Authorization": tokens[device], "Content-Type": "application/json"}
            requests.append(("POST", "/api/attendance/sync/", headers, body))
    return event.id, requests


def state(event_id: int) -> dict:
    from django.db.models import Count

    from attendance.models import Scan
    from bookings.models import Ticket
    from events.models import Event

    return {
        "checked_in": Ticket.objects.filter(event_id=event_id, checked_in_at__isnull=False).count(),
        "counter": Event.objects.get(id=event_id).checked_in_count,
        "scan_rows": Scan.objects.filter(event_id=event_id).count(),
        "admitted_twice": Scan.objects.filter(event_id=event_id, result="accepted")
        .values("ticket_id")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .count(),
    }


def one_run(args, run: int) -> dict:
    from django.db import connections

    connections.close_all()
    env = server_env(fresh_mysql_url(args.database_url, DATABASE))
    manage(env, "migrate", "--noinput", "-v", "0")
    event_id, requests = prepare(args.scans, args.devices)
    server = start_server(env, workers=args.workers, layout=args.layout)
    try:
        started = time.perf_counter()
        samples = run_load(server.url, requests, clients=args.devices, processes=1)
        elapsed = time.perf_counter() - started
        connections.close_all()
        first = state(event_id)
        repeat = run_load(server.url, requests, clients=args.devices, processes=1)
        connections.close_all()
        after_repeat = state(event_id)
    finally:
        server.stop()
    connections.close_all()
    latencies = [(s.finished - s.started) * 1000 for s in samples]
    result = {
        "run": run,
        "layout": server.layout,
        "devices": args.devices,
        "scans": args.scans,
        "batches": len(samples),
        "http": sorted({s.status for s in samples + repeat}),
        "scans_per_s": args.scans / elapsed,
        "batch_p50_ms": percentile(latencies, 50),
        "batch_p95_ms": percentile(latencies, 95),
        **first,
        "unchanged_by_repeat": after_repeat == first,
    }
    result["ok"] = (
        result["http"] == [200]
        and first["checked_in"] == first["counter"] == first["scan_rows"] == args.scans
        and first["admitted_twice"] == 0
        and result["unchanged_by_repeat"]
    )
    print(json.dumps(result))
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scans", type=int, default=5000)
    parser.add_argument("--devices", type=int, default=1)
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
        f"scans/s ({args.scans} scans, {args.devices} device(s), batches of {BATCH}); "
        f"all ok: {all(r['ok'] for r in results)}"
    )


if __name__ == "__main__":
    main()
