"""Analytics at scale, on MariaDB, over HTTP (gunicorn, 2 sync workers), measured with wrk.

    flock /tmp/qe-bench.lock .venv/bin/python bench/analytics.py [--runs 3] [--profile] [--csv]

Two cases, each against the floor (GET /api/health/live/, a DRF view that touches nothing,
asked by the same wrk, one connection, from the same server processes in the same run):

- one event: 200,000 valid tickets (plus cancelled and pending ones), 120,000 admitted over six
  gates, most of them still inside, 150,000 scan rows: `GET /api/admin/analytics/?event=`;
- an organizer's summary over 50 events (200 to 2,000 tickets each, EUR and USD, some over,
  drafts and a cancelled one, check-ins, pending and refunded bookings):
  `GET /api/admin/analytics/`.

Each run: the floor, then `--requests` sequential requests of each case over one connection,
then both answers are checked against the ground truth that the population computed in Python
as it wrote the rows (every counter, gate, arrival bucket, sales day, ticket type, currency).
Reported: the median over `--runs` runs of p50 and p95, and p95 / floor p95.

The population (about 300,000 tickets) takes minutes, so its database is kept and reused by
the next invocation when its sizes match (`--repopulate` to start afresh); the ground truth
is kept beside it in a JSON file. Migrations run every time (new indexes reach the reused
database). `--profile` times every query of both answers in-process and prints its EXPLAIN;
`--csv` also measures the CSV export (time over HTTP, peak Python memory in-process).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import time
import tracemalloc
import urllib.request
from collections import Counter, defaultdict
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from harness import django_setup, machine, manage, mysql_database_url, server_env, start_server
from loadgen import Request, floor, replay

DATABASE = "qe_bench_analytics"
GATES = ["North", "South", "East", "West", "VIP", "Staff"]
BATCH = 5000
BUCKET = 300  # seconds: the endpoint's arrival buckets


class Population:
    """Writes events, bookings, tickets and scans in bulk and keeps, per event, the numbers the
    analytics must show, counted here in Python from what was written."""

    def __init__(self, rng: random.Random, fans: list[int], now: datetime):
        self.rng = rng
        self.fans = fans
        self.now = now
        self.truth: dict[str, dict] = {}

    def event(
        self,
        *,
        organizer,
        title: str,
        valid: int,
        admitted: int,
        scans: int,
        ended: bool = False,
        currency: str = "EUR",
        price: str = "40.00",
        status: str = "published",
        cancelled_bookings: int = 0,
        pending_bookings: int = 0,
        days_of_sales: int = 60,
    ) -> int:
        from django.utils import timezone

        from attendance.models import Scan
        from bookings.models import Booking, BookingItem, Ticket
        from events.models import Event, TicketType

        rng, now = self.rng, self.now
        starts = now - timedelta(days=rng.randint(3, 90)) if ended else now - timedelta(hours=2)
        ends = starts + timedelta(hours=8)
        opens = starts - timedelta(hours=2)
        unit = Decimal(price)
        # Bookings of 1 to 4 tickets until `valid` tickets; then cancelled (refunded) and
        # pending ones on top.
        sizes: list[int] = []
        while sum(sizes) < valid:
            sizes.append(min(rng.randint(1, 4), valid - sum(sizes)))
        kinds = (
            ["confirmed"] * len(sizes)
            + ["cancelled"] * cancelled_bookings
            + ["pending"] * pending_bookings
        )
        sizes += [rng.randint(1, 4) for _ in range(cancelled_bookings + pending_bookings)]
        pending_seats = sum(q for q, k in zip(sizes, kinds, strict=True) if k == "pending")
        held = valid + pending_seats
        event = Event.objects.create(
            organizer=organizer,
            title=title,
            venue="Fields",
            starts_at=starts,
            ends_at=ends,
            checkin_opens_at=opens,
            capacity=max(held, 1) + rng.randint(0, 500),
            tickets_sold=held,
            price=price,
            currency=currency,
            max_per_booking=4,
            status=status,
        )
        ticket_type = TicketType.objects.create(
            event=event, name="General admission", price=price, sold=held
        )
        if len(sizes) > len(self.fans):
            raise SystemExit("more bookings than fans")
        paid = "paid" if unit else "not_required"
        bookings = []
        for index, (quantity, kind) in enumerate(zip(sizes, kinds, strict=True)):
            total = unit * quantity
            created = now - timedelta(
                days=rng.randint(3 if ended else 0, days_of_sales), seconds=rng.randint(0, 86399)
            )
            if ended:
                created = starts - (now - created)
            bookings.append(
                Booking(
                    user_id=self.fans[index],
                    event=event,
                    quantity=quantity,
                    status={"confirmed": "confirmed", "cancelled": "cancelled"}.get(
                        kind, "pending_payment"
                    ),
                    active=None if kind == "cancelled" else True,
                    unit_price=unit,
                    total_amount=total,
                    currency=currency,
                    created_at=created,
                    payment_method="manual" if unit else "",
                    payment_status={
                        "confirmed": paid,
                        "cancelled": "refunded" if unit else "not_required",
                    }.get(kind, "pending"),
                    refunded_amount=total if kind == "cancelled" else 0,
                    cancelled_at=now if kind == "cancelled" else None,
                    expires_at=now + timedelta(days=2) if kind == "pending" else None,
                )
            )
        # created_at is auto_now_add: the sales days given here would become today's.
        created_at = Booking._meta.get_field("created_at")
        created_at.auto_now_add = False
        try:
            for start in range(0, len(bookings), BATCH):
                Booking.objects.bulk_create(bookings[start : start + BATCH])
        finally:
            created_at.auto_now_add = True
        # bulk_create sets ids on MariaDB? Not always: read them back in creation order.
        booking_rows = list(
            Booking.objects.filter(event=event).order_by("id").values_list("id", "quantity")
        )
        BookingItem.objects.bulk_create(
            (
                BookingItem(
                    booking_id=booking_id,
                    ticket_type=ticket_type,
                    name="General admission",
                    quantity=quantity,
                    unit_price=unit,
                )
                for booking_id, quantity in booking_rows
            ),
            batch_size=BATCH,
        )
        window = int((min(now, ends) - opens).total_seconds())
        truth = {
            "status": status,
            "capacity": event.capacity,
            "currency": currency,
            "ends_at": ends.isoformat(),
            "sold": valid,
            "checked_in": 0,
            "revenue": Decimal(0),
            "pending": [0, Decimal(0)],
            "type_revenue": Decimal(0),
            "type_sold": held,
            "by_gate": defaultdict(lambda: [0, 0]),
            "arrivals": Counter(),
            "sales": Counter(),
            "inside": 0,
            "offline_conflicts": 0,
        }
        tickets = []
        serial = 0
        for (booking_id, quantity), booking, kind in zip(
            booking_rows, bookings, kinds, strict=True
        ):
            if kind == "confirmed":
                truth["revenue"] += booking.total_amount
                truth["type_revenue"] += booking.total_amount
                day = timezone.localtime(booking.created_at).date().isoformat()
                truth["sales"][day] += quantity
            elif kind == "pending":
                truth["pending"][0] += 1
                truth["pending"][1] += booking.total_amount
            for _ in range(quantity):
                checked_at, gate, inside = None, "", False
                if kind == "confirmed" and truth["checked_in"] < admitted:
                    checked_at = opens + timedelta(seconds=rng.randint(0, window))
                    gate = rng.choice(GATES)
                    inside = not ended and rng.random() < 0.9
                    truth["checked_in"] += 1
                    truth["by_gate"][gate][0] += 1
                    slot = int(checked_at.timestamp()) // BUCKET * BUCKET
                    truth["arrivals"][datetime.fromtimestamp(slot, tz=UTC).isoformat()] += 1
                    if inside:
                        truth["by_gate"][gate][1] += 1
                        truth["inside"] += 1
                tickets.append(
                    Ticket(
                        booking_id=booking_id,
                        event=event,
                        ticket_type=ticket_type,
                        status={"confirmed": "valid", "cancelled": "cancelled"}.get(
                            kind, "pending"
                        ),
                        key_id=1,
                        backup_code=f"{serial:08d}",  # unique per event; never typed here
                        checked_in_at=checked_at,
                        checked_in_gate=gate,
                        inside=inside,
                        entry_gate=gate if inside else "",
                    )
                )
                serial += 1
                if len(tickets) == BATCH:
                    Ticket.objects.bulk_create(tickets)
                    tickets = []
        Ticket.objects.bulk_create(tickets)
        Event.objects.filter(id=event.id).update(
            checked_in_count=truth["checked_in"], inside_count=truth["inside"]
        )
        ticket_ids = list(Ticket.objects.filter(event=event).values_list("id", flat=True))
        scan_rows = []
        for index in range(scans):
            accepted = index < truth["checked_in"]
            # Some of the rejected scans are offline conflicts (a second person let in offline).
            conflict = not accepted and index % 4000 == 1
            reason = "" if accepted else ("offline_conflict" if conflict else "duplicate")
            if reason == "offline_conflict":
                truth["offline_conflicts"] += 1
            scan_rows.append(
                Scan(
                    event=event,
                    ticket_id=ticket_ids[index % len(ticket_ids)],
                    scanner=organizer,
                    gate=rng.choice(GATES),
                    result="accepted" if accepted else "rejected",
                    reason=reason,
                    scanned_at=now - timedelta(minutes=rng.randint(0, 200)),
                )
            )
            if len(scan_rows) == BATCH:
                Scan.objects.bulk_create(scan_rows)
                scan_rows = []
        Scan.objects.bulk_create(scan_rows)
        truth["revenue"] = str(truth["revenue"])
        truth["type_revenue"] = str(truth["type_revenue"])
        truth["pending"] = [truth["pending"][0], str(truth["pending"][1])]
        truth["by_gate"] = dict(truth["by_gate"])
        self.truth[str(event.id)] = truth
        return event.id


def populate(tickets: int, scans: int, summary_events: int) -> dict:
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from users.models import Role, User

    rng = random.Random(11)
    password = make_password("bench-password-not-used")
    big = User.objects.create(
        email="org@bench.test", name="Org", role=Role.ORGANIZER, password=password
    )
    many = User.objects.create(
        email="org50@bench.test", name="Org of many", role=Role.ORGANIZER, password=password
    )
    fans = tickets // 2 + 2000  # bookings of 1 to 4 tickets, one fan each
    for start in range(0, fans, BATCH):
        User.objects.bulk_create(
            User(email=f"fan{n}@bench.test", name=f"Fan {n}", password=password)
            for n in range(start, min(start + BATCH, fans))
        )
    fan_ids = list(
        User.objects.filter(role=Role.ATTENDEE).order_by("id").values_list("id", flat=True)
    )
    population = Population(rng, fan_ids, timezone.now())
    # One big event: bookings of 1 to 4 up to `tickets` valid tickets (about 80,000 bookings).
    big_event = population.event(
        organizer=big,
        title="Festival",
        valid=tickets,
        admitted=min(scans * 4 // 5, tickets),
        scans=scans,
        cancelled_bookings=600,
        pending_bookings=300,
    )
    summary = []
    for index in range(summary_events):
        status = "draft" if index % 17 == 5 else ("cancelled" if index == 7 else "published")
        sold = 0 if status != "published" else rng.randint(200, 2000)
        ended = status == "published" and index % 4 == 0
        summary.append(
            population.event(
                organizer=many,
                title=f"Night {index}",
                valid=sold,
                admitted=int(sold * rng.uniform(0.6, 0.95)) if ended or index % 4 == 1 else 0,
                scans=sold // 2 if ended else 0,
                ended=ended,
                currency="USD" if index % 10 == 3 else "EUR",
                price="0.00" if index % 9 == 2 else f"{rng.randint(5, 60)}.50",
                status=status,
                cancelled_bookings=rng.randint(0, 20) if sold else 0,
                pending_bookings=rng.randint(0, 10) if sold else 0,
            )
        )
    return {
        "sizes": [tickets, scans, summary_events],
        "event": big_event,
        "summary_events": summary,
        "events": population.truth,
    }


def tokens() -> tuple[str, str]:
    from rest_framework_simplejwt.tokens import AccessToken

    from users.models import User

    return tuple(
        f"Bearer {AccessToken.for_user(User.objects.get(email=email))}"
        for email in ("org@bench.test", "org50@bench.test")
    )


def _fetch(url: str, authorization: str) -> dict:
    request = urllib.request.Request(url, headers={"Authorization": authorization})
    with urllib.request.urlopen(request, timeout=120) as response:
        return json.loads(response.read())


def check_event(body: dict, truth: dict, now: datetime) -> list[str]:
    """Differences between one event's answer (or summary row) and the truth."""
    over = datetime.fromisoformat(truth["ends_at"]) <= now
    expected = {
        "capacity": truth["capacity"],
        "tickets_sold": truth["sold"],
        "tickets_available": max(truth["capacity"] - truth["sold"], 0),
        "revenue": f"{Decimal(truth['revenue']):.2f}",
        "checked_in": truth["checked_in"],
        "no_shows": truth["sold"] - truth["checked_in"] if over else None,
        "checkin_rate": round(truth["checked_in"] / truth["sold"], 4) if truth["sold"] else 0.0,
        "currency": truth["currency"],
    }
    if "arrivals" in body:  # the one-event answer
        expected.update(
            {
                "pending": {
                    "bookings": truth["pending"][0],
                    "amount": f"{Decimal(truth['pending'][1]):.2f}",
                },
                "by_gate": sorted(
                    (
                        {"gate": gate, "count": count, "inside": inside}
                        for gate, (count, inside) in truth["by_gate"].items()
                    ),
                    key=lambda row: (-row["count"], row["gate"]),
                ),
                "inside": truth["inside"],
                "offline_conflicts": truth["offline_conflicts"],
                "sales": [{"date": d, "count": n} for d, n in sorted(truth["sales"].items())],
                "revenue_by_currency": [
                    {"currency": truth["currency"], "amount": f"{Decimal(truth['revenue']):.2f}"}
                ],
            }
        )
        types = [(row["name"], row["sold"], row["revenue"]) for row in body["by_ticket_type"]]
        if types != [
            ("General admission", truth["type_sold"], f"{Decimal(truth['type_revenue']):.2f}")
        ]:
            return [f"by_ticket_type {types}"]
        arrivals = {
            datetime.fromisoformat(row["start"].replace("Z", "+00:00")): row["count"]
            for row in body["arrivals"]
            if row["count"]
        }
        if arrivals != {datetime.fromisoformat(k): v for k, v in truth["arrivals"].items()}:
            return ["arrivals differ"]
    return [
        f"{key}: {body.get(key)!r} != {value!r}"
        for key, value in expected.items()
        if body.get(key) != value
    ]


def check_summary(body: dict, truth: dict, now: datetime) -> list[str]:
    rows = {str(row["event"]): row for row in body["events"]}
    ids = [str(i) for i in truth["summary_events"]]
    problems = [] if sorted(rows) == sorted(ids) else ["not the organizer's 50 events"]
    for event_id in ids:
        problems += [
            f"event {event_id}: {p}"
            for p in check_event(rows[event_id], truth["events"][event_id], now)
        ]
    events = [truth["events"][i] for i in ids]
    by_currency: dict[str, Decimal] = defaultdict(Decimal)
    for event in events:
        if Decimal(event["revenue"]):
            by_currency[event["currency"]] += Decimal(event["revenue"])
    over = [e for e in events if datetime.fromisoformat(e["ends_at"]) <= now]
    sold = sum(e["sold"] for e in events)
    checked_in = sum(e["checked_in"] for e in events)
    capacity = sum(e["capacity"] for e in events if e["status"] == "published")
    expected = {
        "capacity": capacity,
        "tickets_sold": sold,
        "tickets_available": max(capacity - sold, 0),
        "checked_in": checked_in,
        "no_shows": sum(e["sold"] - e["checked_in"] for e in over),
        "checkin_rate": round(checked_in / sold, 4) if sold else 0.0,
        "revenue_by_currency": [
            {"currency": c, "amount": f"{a:.2f}"} for c, a in sorted(by_currency.items())
        ],
        "revenue": f"{next(iter(by_currency.values())):.2f}"
        if len(by_currency) == 1
        else (None if by_currency else "0.00"),
        "currencies": sorted({e["currency"] for e in events}),
    }
    totals = body["totals"]
    return problems + [
        f"totals {key}: {totals.get(key)!r} != {value!r}"
        for key, value in expected.items()
        if totals.get(key) != value
    ]


def profile(truth: dict, rounds: int = 7) -> None:
    """Every query of both answers timed in-process (median of `rounds`), with its EXPLAIN,
    and the Python time around them."""
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    from adminpanel import selectors
    from adminpanel.serializers import AnalyticsSummarySerializer, EventAnalyticsSerializer
    from events.models import Event
    from users.models import User

    event = Event.objects.get(id=truth["event"])
    many = User.objects.get(email="org50@bench.test")
    cases = {
        "one event": lambda: EventAnalyticsSerializer(selectors.event_analytics(event=event)).data,
        "summary": lambda: (
            AnalyticsSummarySerializer(selectors.organizer_analytics_summary(user=many)).data
        ),
    }
    for name, run in cases.items():
        per_query: dict[int, list[float]] = defaultdict(list)
        sql_of: dict[int, str] = {}
        totals, db_totals = [], []
        for _ in range(rounds):
            timings: list[float] = []

            def timed(execute, sql, params, many, context, timings=timings):
                began = time.perf_counter()
                try:
                    return execute(sql, params, many, context)
                finally:
                    timings.append((time.perf_counter() - began) * 1000)

            with CaptureQueriesContext(connection) as captured, connection.execute_wrapper(timed):
                began = time.perf_counter()
                run()
                totals.append((time.perf_counter() - began) * 1000)
            db_totals.append(sum(timings))
            for index, (ms, query) in enumerate(
                zip(timings, captured.captured_queries, strict=True)
            ):
                per_query[index].append(ms)
                sql_of[index] = query["sql"]
            reset_queries()
        total, db = statistics.median(totals), statistics.median(db_totals)
        print(
            f"\n== {name}: {len(sql_of)} queries, {total:.1f} ms in-process (median of {rounds}), "
            f"of which database {db:.1f} ms ({db / total:.0%}), Python {total - db:.1f} ms"
        )
        for index, sql in sql_of.items():
            print(f"-- q{index + 1}: {statistics.median(per_query[index]):.1f} ms  {sql[:300]}")
            if sql.lstrip().upper().startswith("SELECT"):
                with connection.cursor() as cursor:
                    cursor.execute("EXPLAIN " + sql)
                    columns = [c[0] for c in cursor.description]
                    for row in cursor.fetchall():
                        plan = dict(zip(columns, row, strict=True))
                        print(
                            f"     {plan['table']}: {plan['type']} key={plan['key']} "
                            f"rows={plan['rows']} {plan['Extra'] or ''}"
                        )


def csv_peak_memory(event_id: int, limit: int | None = None) -> tuple[int, float, int]:
    """Rows written, seconds, and peak traced Python memory while writing the export."""
    from adminpanel import exports
    from events.models import Event

    event = Event.objects.get(id=event_id)
    tracemalloc.start()
    started = time.perf_counter()
    lines = 0
    for _ in exports.attendee_csv_lines(event=event):
        lines += 1
        if limit and lines > limit:
            break
    elapsed = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return lines - 2, elapsed, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tickets", type=int, default=200_000)
    parser.add_argument("--scans", type=int, default=150_000)
    parser.add_argument("--summary-events", type=int, default=50)
    parser.add_argument("--requests", type=int, default=40, help="per case and run")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--floor-seconds", type=int, default=5)
    parser.add_argument("--database", default=DATABASE, help="name of the benchmark database")
    parser.add_argument("--repopulate", action="store_true", help="do not reuse the database")
    parser.add_argument("--profile", action="store_true", help="per-query timings and EXPLAIN")
    parser.add_argument("--csv", action="store_true", help="also measure the CSV export")
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_DATABASE_URL", "mysql://root@127.0.0.1:3306/x"),
    )
    args = parser.parse_args()
    sizes = [args.tickets, args.scans, args.summary_events]
    truth_file = Path("/tmp") / f"{args.database}.truth.json"  # the ground truth, kept beside
    truth = json.loads(truth_file.read_text()) if truth_file.exists() else None
    reuse = not args.repopulate and truth is not None and truth["sizes"] == sizes
    url, kept = mysql_database_url(args.database_url, args.database, fresh=not reuse)
    env = server_env(url)
    manage(env, "migrate", "--noinput", "-v", "0")
    django_setup(env)
    if kept:
        print(f"reusing the populated database {args.database} (--repopulate to start afresh)")
    else:
        started = time.perf_counter()
        truth = populate(*sizes)
        truth_file.write_text(json.dumps(truth))
        print(f"populated in {time.perf_counter() - started:.0f}s")
    from django.db import connection

    with connection.cursor() as cursor:
        for table in ("bookings_ticket", "bookings_booking", "bookings_bookingitem", "attendance"):
            cursor.execute(f"ANALYZE TABLE {table}")
            cursor.fetchall()
    if args.profile:
        profile(truth)
    if not args.runs:  # --runs 0: the profile only
        return
    event_token, summary_token = tokens()
    event_path = f"/api/admin/analytics/?event={truth['event']}"
    print(f"\nmachine: {machine()}; load average before: {os.getloadavg()}")
    results: dict[str, list[tuple[float, float]]] = defaultdict(list)
    server = start_server(env, workers=args.workers)
    try:
        for path, token in ((event_path, event_token), ("/api/admin/analytics/", summary_token)):
            _fetch(server.url + path, token)  # warm both workers' connections and caches
            _fetch(server.url + path, token)
        for run in range(args.runs):
            base = floor(server.url, connections=1, seconds=args.floor_seconds)
            results["floor"].append((base.p50_ms, base.p95_ms))
            for name, path, token in (
                ("one event", event_path, event_token),
                ("summary", "/api/admin/analytics/", summary_token),
            ):
                measured = replay(
                    server.url,
                    [Request("GET", path, token)] * args.requests,
                    connections=1,
                )
                if measured.errors or measured.lost or measured.requests != args.requests:
                    raise SystemExit(f"{name}: errors in run {run + 1}: {measured}")
                results[name].append((measured.p50_ms, measured.p95_ms))
            # The invariant check after every run: both answers equal the truth.
            now = datetime.now(tz=UTC)
            problems = check_event(
                _fetch(server.url + event_path, event_token),
                truth["events"][str(truth["event"])],
                now,
            ) + check_summary(
                _fetch(server.url + "/api/admin/analytics/", summary_token), truth, now
            )
            if problems:
                raise SystemExit("analytics differ from the truth:\n" + "\n".join(problems[:20]))
            print(
                f"run {run + 1}: floor p95 {base.p95_ms:.1f} ms, one event p95 "
                f"{results['one event'][-1][1]:.1f} ms, summary p95 "
                f"{results['summary'][-1][1]:.1f} ms; answers equal the truth; "
                f"load average {os.getloadavg()[0]:.2f}"
            )
        if args.csv:
            request = urllib.request.Request(
                f"{server.url}/api/admin/events/{truth['event']}/attendees.csv",
                headers={"Authorization": event_token},
            )
            began = time.perf_counter()
            size = 0
            with urllib.request.urlopen(request, timeout=600) as response:
                while chunk := response.read(1 << 16):
                    size += len(chunk)
            print(f"CSV over HTTP: {size / 1e6:.1f} MB in {time.perf_counter() - began:.1f} s")
    finally:
        server.stop()
    print(
        f"\nserver: {server.layout} on MariaDB; one connection, {args.requests} requests per case"
    )
    floor_p95 = statistics.median(p95 for _, p95 in results["floor"])
    print(
        f"{'case':<10} {'p50 ms':>8} {'p95 ms':>8} {'p95 / floor p95':>16}"
        f"   (median of {args.runs} runs)"
    )
    for name in ("floor", "one event", "summary"):
        p50 = statistics.median(p50 for p50, _ in results[name])
        p95 = statistics.median(p95 for _, p95 in results[name])
        print(f"{name:<10} {p50:>8.1f} {p95:>8.1f} {p95 / floor_p95:>16.1f}")
    print(f"load average after: {os.getloadavg()}")
    if args.csv:
        small_rows, _, small_peak = csv_peak_memory(truth["event"], limit=args.tickets // 10)
        full_rows, full_seconds, full_peak = csv_peak_memory(truth["event"])
        print(
            f"CSV in-process: {full_rows} rows in {full_seconds:.1f} s, peak "
            f"{full_peak / 1e6:.1f} MB; first {small_rows} rows: peak {small_peak / 1e6:.1f} MB"
        )


if __name__ == "__main__":
    main()
