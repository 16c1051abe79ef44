"""Flash sale: 64 clients book one hot event of capacity C < demand, over HTTP, on MariaDB,
against a real multi-process server in the production layout (gunicorn sync workers). wrk
sends the bookings (bench/loadgen.py); the floor is measured before and after in the same run.

    .venv/bin/python bench/flash_sale.py --runs 3                 # free tickets
    .venv/bin/python bench/flash_sale.py --runs 3 --paid          # holds, then Stripe webhooks
    .venv/bin/python bench/flash_sale.py --runs 3 --slots 4       # seats over 4 SeatSlot rows

Free (default): every booking is confirmed at once. Paid (`--paid`): every booking is
`pending_payment` (a card hold), then each hold is confirmed by a signed
`payment_intent.succeeded` webhook, as Stripe would deliver it (each with its own
Stripe-Signature header), sent by the same clients.

Python prepares the users, their tokens and the bodies beforehand and checks the invariants
in the database after every run: tickets_sold == valid tickets == confirmed quantities <=
capacity, the 201 answers == the bookings, nothing lost. Any failure ends with INCONSISTENT.

Confirmed bookings per second = 201 answers / the replay's duration (first request to last
answer, the sold-out answers at the end included); paid: confirmed webhooks / (holds'
duration + webhooks' duration). Latency percentiles are wrk's, over every answer of the
replay (bookings and sold-out refusals alike).
"""

from __future__ import annotations

import argparse
import hashlib
import hmac
import json
import os
import statistics
import time
from datetime import timedelta

import loadgen
from harness import django_setup, fresh_mysql_url, machine, manage, server_env, start_server

DATABASE = os.environ.get("BENCH_FLASH_DATABASE", "qe_bench_flash")
# Stripe on, so bookings may choose the card; nothing here ever calls Stripe (the webhooks
# are signed by the benchmark with this secret).
STRIPE_ENV = {
    "STRIPE_SECRET_KEY": "sk_test_bench",
    "STRIPE_PUBLISHABLE_KEY": "pk_test_bench",
    "STRIPE_WEBHOOK_SECRET": "whsec_bench",
    "STRIPE_API_BASE": "http://127.0.0.1:9",
}


def webhook_request(booking_id: int) -> loadgen.Request:
    body = json.dumps(
        {
            "id": f"evt_bench_{booking_id}",
            "object": "event",
            "type": "payment_intent.succeeded",
            "data": {
                "object": {
                    "id": f"pi_bench_{booking_id}",
                    "object": "payment_intent",
                    "metadata": {"booking": str(booking_id)},
                }
            },
        }
    )
    stamp = int(time.time())
    digest = hmac.new(
        STRIPE_ENV["STRIPE_WEBHOOK_SECRET"].encode(),
        f"{stamp}.{body}".encode(),
        hashlib.sha256,
    ).hexdigest()
    return loadgen.Request(
        "POST",
        "/api/payments/stripe/webhook/",
        body=body,
        headers=(("Stripe-Signature", f"t={stamp},v1={digest}"),),
    )


def prepare(capacity: int, demand: int, *, paid: bool) -> tuple[int, list[loadgen.Request]]:
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone
    from rest_framework_simplejwt.tokens import AccessToken

    from events.models import Event, TicketType
    from users.models import Role, User

    password = make_password("bench-password-not-used")
    organizer = User.objects.create(
        email="org@bench.test", name="Org", role=Role.ORGANIZER, password=password
    )
    User.objects.bulk_create(
        User(email=f"fan{n}@bench.test", name=f"Fan {n}", password=password) for n in range(demand)
    )
    starts = timezone.now() + timedelta(days=3)
    event = Event.objects.create(
        organizer=organizer,
        title="Hot show",
        venue="Arena",
        starts_at=starts,
        ends_at=starts + timedelta(hours=3),
        checkin_opens_at=starts - timedelta(hours=2),
        capacity=capacity,
        price="49.00" if paid else "0.00",
        currency="EUR",
        max_per_booking=1,
        status="published",
        payment_methods=["stripe", "manual"],
    )
    TicketType.objects.create(event=event, name="General admission", price=event.price)
    order = {"event": event.id, "quantity": 1}
    if paid:
        order["payment_method"] = "stripe"
    body = json.dumps(order)
    requests = [
        loadgen.Request("POST", "/api/book-ticket/", f"Bearer {AccessToken.for_user(user)}", body)
        for user in User.objects.filter(role=Role.ATTENDEE).order_by("id")
    ]
    return event.id, requests


def pending_bookings(event_id: int) -> list[int]:
    from bookings.models import Booking

    return list(
        Booking.objects.filter(event_id=event_id, status="pending_payment")
        .order_by("id")
        .values_list("id", flat=True)
    )


def check(event_id: int) -> dict:
    from django.db.models import Sum

    from bookings.models import Booking, Ticket
    from events.models import Event

    event = Event.objects.get(id=event_id)
    bookings = Booking.objects.filter(event_id=event_id)
    return {
        "capacity": event.capacity,
        "tickets_sold": event.tickets_sold,
        "valid_tickets": Ticket.objects.filter(event_id=event_id, status="valid").count(),
        "confirmed_quantity": bookings.filter(status="confirmed").aggregate(n=Sum("quantity"))["n"]
        or 0,
        "bookings": bookings.count(),
        "slot_sold": _slot_sold(event_id),
    }


def _slot_sold(event_id: int) -> int | None:
    try:
        from events.models import SeatSlot
    except ImportError:
        return None
    rows = SeatSlot.objects.filter(event_id=event_id)
    if not rows.exists():
        return None
    return sum(rows.values_list("sold", flat=True))


def one_run(args, run: int) -> dict:
    from django.db import connections

    # The same database, dropped and created again: every run starts empty.
    connections.close_all()
    env = {**server_env(fresh_mysql_url(args.database_url, DATABASE)), **STRIPE_ENV}
    if args.slots:
        env["QE_SEAT_SLOTS"] = str(args.slots)
    if args.redis_url:
        env["REDIS_URL"] = args.redis_url  # cache and channel layer, as in production
    manage(env, "migrate", "--noinput", "-v", "0")
    event_id, requests = prepare(args.capacity, int(args.capacity * args.demand), paid=args.paid)
    server = start_server(env, workers=args.workers, layout=args.layout)
    webhooks = None
    try:
        loadgen.floor(server.url, connections=args.clients, seconds=2)  # warm every worker
        before = loadgen.floor(server.url, connections=args.clients)
        sale = loadgen.replay(server.url, requests, connections=args.clients)
        if args.paid:
            held = pending_bookings(event_id)
            webhooks = loadgen.replay(
                server.url, [webhook_request(b) for b in held], connections=args.clients
            )
        after = loadgen.floor(server.url, connections=args.clients)
    finally:
        server.stop()
    connections.close_all()
    floor = before if before.per_second >= after.per_second else after
    booked = sale.statuses.get("201", 0)
    figures = check(event_id)
    if args.paid:
        confirmed = webhooks.statuses.get("200", 0)
        per_s = confirmed / (sale.seconds + webhooks.seconds)
    else:
        confirmed = booked
        per_s = booked / sale.seconds
    result = {
        "run": run,
        "layout": server.layout + (", seats over slots" if args.slots else ""),
        "paid": args.paid,
        "slots": args.slots,
        "clients": args.clients,
        "requests": len(requests),
        "statuses": sale.statuses,
        "client_errors": sale.errors,
        "lost": sale.lost + (webhooks.lost if webhooks else 0),
        "confirmed_per_s": per_s,
        "p50_ms": sale.p50_ms,
        "p95_ms": sale.p95_ms,
        "p99_ms": sale.p99_ms,
        "floor_per_s": floor.per_second,
        "floor_p50_ms": floor.p50_ms,
        "floor_p99_ms": floor.p99_ms,
        "floor_before_after_per_s": [round(before.per_second), round(after.per_second)],
        "load_average": os.getloadavg()[0],
        **figures,
    }
    result["share_of_floor"] = per_s / floor.per_second
    if webhooks:
        result |= {
            "holds_per_s": booked / sale.seconds,
            "webhook_statuses": webhooks.statuses,
            "webhooks_per_s": webhooks.per_second,
            "webhook_p50_ms": webhooks.p50_ms,
            "webhook_p99_ms": webhooks.p99_ms,
        }
    sold = figures["tickets_sold"]
    result["ok"] = (
        sold == figures["valid_tickets"] == figures["confirmed_quantity"] <= figures["capacity"]
        and sold == confirmed == figures["bookings"]
        and sale.lost == 0
        and (webhooks is None or webhooks.lost == 0)
        and sum(sale.statuses.values()) == len(requests)
        and (figures["slot_sold"] is None or figures["slot_sold"] <= sold)
    )
    print(json.dumps(result), flush=True)
    if not result["ok"]:
        raise SystemExit("INCONSISTENT")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clients", type=int, default=64)
    parser.add_argument("--capacity", type=int, default=2000)
    parser.add_argument("--demand", type=float, default=1.5, help="attendees per seat")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--layout", choices=["gunicorn", "uvicorn"], default="gunicorn")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--paid", action="store_true", help="paid tickets: card holds, then Stripe webhooks"
    )
    parser.add_argument(
        "--slots", type=int, default=0, help="QE_SEAT_SLOTS: the event's seats over N rows"
    )
    parser.add_argument(
        "--redis-url",
        default=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/7"),
        help="cache and channel layer ('' for the in-process ones)",
    )
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

    kind = "paid (hold + webhook)" if args.paid else "free"
    print(
        f"median of {args.runs}, {kind}: {middle('confirmed_per_s'):.0f} confirmed bookings/s "
        f"({middle('share_of_floor'):.3f} of the floor's {middle('floor_per_s'):.0f}/s), "
        f"p50 {middle('p50_ms'):.1f} ms, p95 {middle('p95_ms'):.1f} ms, "
        f"p99 {middle('p99_ms'):.1f} ms (floor p50 {middle('floor_p50_ms'):.1f}, "
        f"p99 {middle('floor_p99_ms'):.1f} ms); runs: "
        + ", ".join(f"{r['confirmed_per_s']:.0f}" for r in results)
        + "; load average "
        + ", ".join(f"{r['load_average']:.1f}" for r in results)
        + f"; every run consistent (never over-sold): {all(r['ok'] for r in results)}"
    )
    if args.paid:
        print(
            f"paid: holds {middle('holds_per_s'):.0f}/s, webhooks {middle('webhooks_per_s'):.0f}/s,"
            f" webhook p50 {middle('webhook_p50_ms'):.1f} ms, p99 {middle('webhook_p99_ms'):.1f} ms"
        )


if __name__ == "__main__":
    main()
