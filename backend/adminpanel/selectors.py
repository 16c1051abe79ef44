"""Organizer analytics. Every number is a database aggregate (no Python loop over bookings,
tickets or scans), in a fixed number of queries whatever the size of the event.

Each table is read once per answer, by one grouped query that takes all its counters with
conditional aggregates, from a covering index (the rows themselves are never read):
tickets (event, status, checked_in_at, checked_in_gate, inside, entry_gate) for sold,
check-ins, gates, who is inside and arrivals; bookings (event, status, payment_status,
created_at, quantity, total_amount, refunded_amount, currency) for revenue, pending payments
and sales per day; scans (event, reason) for offline conflicts. The per-query profile is in
bench/RESULTS.md ("Analytics at scale").
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.db.models import (
    Count,
    DecimalField,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from attendance.models import RejectReason, Scan
from bookings.models import (
    ARRIVAL_SLOT_SECONDS,
    Booking,
    BookingItem,
    BookingStatus,
    PaymentStatus,
    Ticket,
    TicketStatus,
)
from events.models import CheckinList, Event, EventStatus, TicketType
from events.permissions import managed_events
from events.selectors import code_figures, event_sales_attach, ticket_type_sales_attach
from users.models import User

ARRIVAL_BUCKET = timedelta(seconds=ARRIVAL_SLOT_SECONDS)
# Admitted: checked_in_slot is NULL exactly when checked_in_at is, and is in the covering index.
CHECKED_IN = Q(checked_in_slot__isnull=False)


def analytics_events_for(*, user: User) -> QuerySet[Event]:
    """The events whose numbers `user` may see: their own, or all for admins."""
    return Event.objects.filter(managed_events(user))


# Bookings whose money counts: paid (also while a refund is pending, and what is left after a
# refund), and confirmed bookings that needed no payment (free, or made before payments).
EARNING_PAYMENTS = (PaymentStatus.PAID, PaymentStatus.REFUND_PENDING, PaymentStatus.REFUNDED)
EARNING = Q(payment_status__in=EARNING_PAYMENTS) | Q(
    payment_status=PaymentStatus.NOT_REQUIRED, status=BookingStatus.CONFIRMED
)
AWAITING = Q(status=BookingStatus.PENDING_PAYMENT)
NET = F("total_amount") - F("refunded_amount")


# Bookings whose items earn their price per ticket type: earning and not refunded.
KEPT = EARNING & ~Q(payment_status=PaymentStatus.REFUNDED)
# The others, written as ranges of the bookings' (event, status, payment_status) index, so
# MariaDB reads only them (NOT (KEPT) it reads as a filter over all the event's bookings).
# Exactly ~KEPT: KEPT is "paid or refund pending, or not required and confirmed".
NOT_KEPT = (
    ~Q(status=BookingStatus.CONFIRMED)
    & ~Q(payment_status__in=[PaymentStatus.PAID, PaymentStatus.REFUND_PENDING])
) | (
    Q(status=BookingStatus.CONFIRMED)
    & ~Q(
        payment_status__in=[
            PaymentStatus.PAID,
            PaymentStatus.REFUND_PENDING,
            PaymentStatus.NOT_REQUIRED,
        ]
    )
)


def _by_ticket_type(event: Event) -> list[dict[str, Any]]:
    """Sold, pending and money earned per ticket type (a fully refunded booking earns
    nothing); sets the event's `sales` with its types' (events.selectors: what sold means).

    Computed as what all items of the type amount to (an index-only read of the items by
    type) minus the items of the event's bookings that do not earn (read from the bookings'
    covering index, usually few): joining every item to its booking instead costs one
    booking lookup per item (125 ms for 80,000 bookings). Items belong to bookings of their
    type's event (bookings.services makes them from the event's types).

    After discounts: a booking's discount is split to its types as it was computed, per
    ticket (each item keeps what the code took off its tickets), so a type's revenue is
    what its sold tickets were paid, and the types add up to the event's revenue."""
    amount = Sum(F("quantity") * F("unit_price") - F("discount_amount"))
    everything = (
        BookingItem.objects.filter(ticket_type=OuterRef("pk"))
        .values("ticket_type")
        .annotate(total=amount)
        .values("total")
    )
    rows = list(
        TicketType.objects.filter(event=event)
        .annotate(
            revenue=Coalesce(Subquery(everything), Value(Decimal("0")), output_field=DecimalField())
        )
        .order_by("position", "id")
    )
    ticket_type_sales_attach(rows, event=event)
    not_earned = {
        row["items__ticket_type"]: row["total"]
        for row in Booking.objects.filter(NOT_KEPT, event=event, items__isnull=False)
        .values("items__ticket_type")
        .annotate(
            total=Sum(F("items__quantity") * F("items__unit_price") - F("items__discount_amount"))
        )
        .order_by()
    }
    return [
        {
            "id": row.id,
            "name": row.name,
            "sold": row.sales.sold,
            "pending": row.sales.pending,
            "revenue": _money(row.revenue - not_earned.get(row.id, 0)),
        }
        for row in rows
    ]


def _money(amount: Decimal) -> str:
    """Money as the rest of the API shows it: a decimal string with two places."""
    return str(Decimal(amount).quantize(Decimal("0.01")))


def _rate(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def _arrivals(event: Event, counts: dict[datetime, int]) -> list[dict[str, Any]]:
    """Admissions per 5 minutes over the check-in window, empty buckets included; `counts`
    holds the buckets that had any."""
    start = event.checkin_opens_at.replace(second=0, microsecond=0)
    start -= timedelta(minutes=start.minute % 5)
    end = min(event.ends_at, max(timezone.now(), start))
    if counts:
        end = max(end, max(counts))
    buckets = []
    moment = start
    while moment <= end:
        buckets.append({"start": moment, "count": counts.get(moment, 0)})
        moment += ARRIVAL_BUCKET
    # Admissions outside the window (an event moved after check-in) still show.
    buckets += [{"start": t, "count": n} for t, n in sorted(counts.items()) if t < start]
    return sorted(buckets, key=lambda bucket: bucket["start"])


def _ticket_figures(event: Event) -> dict[str, Any]:
    """Sold, admitted, per gate (admitted there, inside having last come in there) and per
    arrival bucket, from one grouped read of the event's valid tickets."""
    rows = (
        Ticket.objects.filter(event=event, status=TicketStatus.VALID)
        .values("checked_in_slot", "checked_in_gate", "entry_gate")
        .annotate(n=Count("id"), inside=Count("id", filter=Q(inside=True)))
        # In the index's order: MariaDB groups while it reads, without a temporary table.
        .order_by("checked_in_slot", "checked_in_gate", "entry_gate")
    )
    size = ARRIVAL_SLOT_SECONDS
    sold = checked_in = 0
    admitted_by_gate: dict[str, int] = {}
    inside_by_gate: dict[str, int] = {}
    arrivals: dict[datetime, int] = {}
    for row in rows:
        sold += row["n"]
        if row["checked_in_slot"] is not None:  # admitted (NULL exactly when checked_in_at is)
            checked_in += row["n"]
            gate = row["checked_in_gate"]
            admitted_by_gate[gate] = admitted_by_gate.get(gate, 0) + row["n"]
            moment = datetime.fromtimestamp(row["checked_in_slot"] * size, tz=UTC)
            arrivals[moment] = arrivals.get(moment, 0) + row["n"]
        if row["inside"]:
            entry = row["entry_gate"]
            inside_by_gate[entry] = inside_by_gate.get(entry, 0) + row["inside"]
    return {
        "sold": sold,
        "checked_in": checked_in,
        "admitted_by_gate": admitted_by_gate,
        "inside_by_gate": inside_by_gate,
        "arrivals": arrivals,
    }


def _earns(status: str, payment_status: str) -> bool:
    """EARNING for one booking's status pair (tested to agree with it for every pair)."""
    return payment_status in EARNING_PAYMENTS or (
        payment_status == PaymentStatus.NOT_REQUIRED and status == BookingStatus.CONFIRMED
    )


def _booking_figures(event: Event) -> dict[str, Any]:
    """Revenue, payments awaited and tickets sold per day, from one read of the event's
    bookings grouped by (status, payment status, day) in the order of their covering index,
    with plain sums; which group counts where is decided here, on a few hundred groups
    (exact: integers and Decimals). Sales days are in the server's zone, as TruncDate gives
    them; in UTC, the usual setting, from the stored day column."""
    utc = timezone.get_current_timezone_name() == "UTC"
    rows = (
        Booking.objects.filter(event=event)
        .values(
            "status", "payment_status", day=F("created_day") if utc else TruncDate("created_at")
        )
        .annotate(
            quantity=Sum("quantity"),
            amount=Sum("total_amount"),
            refunded=Sum("refunded_amount"),
            n=Count("id"),
        )
        .order_by("status", "payment_status", "day")
    )
    revenue = pending_amount = Decimal("0")
    pending = 0
    sold_per_day: dict[Any, int] = {}
    for row in rows:
        if row["status"] == BookingStatus.CONFIRMED:
            sold_per_day[row["day"]] = sold_per_day.get(row["day"], 0) + row["quantity"]
        if _earns(row["status"], row["payment_status"]):
            revenue += row["amount"] - row["refunded"]
        if row["status"] == BookingStatus.PENDING_PAYMENT:  # AWAITING
            pending += row["n"]
            pending_amount += row["amount"]
    return {
        "revenue": revenue,
        "pending": pending,
        "pending_amount": pending_amount,
        "sales": [{"date": day, "count": n} for day, n in sorted(sold_per_day.items())],
    }


def event_analytics(*, event: Event) -> dict[str, Any]:
    money = _booking_figures(event)
    revenue = money["revenue"]
    tickets = _ticket_figures(event)
    inside_by_gate = tickets["inside_by_gate"]
    by_gate = {
        gate: {"gate": gate, "count": count, "inside": 0}
        for gate, count in tickets["admitted_by_gate"].items()
    }
    for gate, inside in inside_by_gate.items():
        by_gate.setdefault(gate, {"gate": gate, "count": 0})["inside"] = inside
    by_ticket_type = _by_ticket_type(event)
    # Offline devices that let a second person in on an admitted ticket (attendance sync).
    offline_conflicts = Scan.objects.filter(
        event=event, reason=RejectReason.OFFLINE_CONFLICT
    ).count()
    return {
        "event": event.id,
        "title": event.title,
        "starts_at": event.starts_at,
        "timezone": event.timezone,
        "phase": event.phase_at(timezone.now()),
        "capacity": event.capacity,
        "tickets_sold": tickets["sold"],
        "sold": event.sales.sold,
        "pending_tickets": event.sales.pending,
        # Seats left, as the event answer says: holds awaiting payment keep theirs.
        "tickets_available": event.tickets_available,
        "revenue": _money(revenue),
        "revenue_by_currency": [{"currency": event.currency, "amount": _money(revenue)}],
        "pending": {"bookings": money["pending"], "amount": _money(money["pending_amount"])},
        "by_ticket_type": by_ticket_type,
        "currency": event.currency,
        "checked_in": tickets["checked_in"],
        "no_shows": _no_shows(event, sold=tickets["sold"], admitted=tickets["checked_in"]),
        "checkin_rate": _rate(tickets["checked_in"], tickets["sold"]),
        "arrivals": _arrivals(event, tickets["arrivals"]),
        "by_gate": sorted(by_gate.values(), key=lambda row: (-row["count"], row["gate"])),
        "inside": sum(inside_by_gate.values()),
        "offline_conflicts": offline_conflicts,
        "sales": money["sales"],
        "by_list": _by_list(event, entry_checked_in=tickets["checked_in"]),
        "by_code": code_figures(event=event, counted=EARNING),
    }


def _by_list(event: Event, *, entry_checked_in: int) -> list[dict[str, Any]]:
    """Admissions per check-in list, Entry first: Entry's are the event's check-ins, the
    others' their list admissions (one grouped query)."""
    rows = (
        CheckinList.objects.filter(event_id=event.id)
        .annotate(admitted=Count("admissions"))
        .values_list("id", "name", "is_default", "admitted")
    )
    return [
        {"id": list_id, "name": name, "checked_in": entry_checked_in if is_default else admitted}
        for list_id, name, is_default, admitted in rows
    ]


def _no_shows(event: Event, *, sold: int, admitted: int) -> int | None:
    """Valid tickets never admitted, once the event is over; before that nobody is a no-show
    yet (null)."""
    return sold - admitted if event.ends_at <= timezone.now() else None


def _summary_tickets(events_qs: QuerySet[Event]) -> dict[int, dict]:
    """Valid tickets sold and admitted, per event."""
    return {
        row["event"]: row
        for row in Ticket.objects.filter(event__in=events_qs, status=TicketStatus.VALID)
        .values("event")
        .annotate(sold=Count("id"), admitted=Count("id", filter=CHECKED_IN))
        .order_by()
    }


def _summary_revenue(events_qs: QuerySet[Event]) -> tuple[dict[int, Decimal], list[dict]]:
    """Money per event, and per currency of the bookings: never one sum of euros and
    dollars."""
    revenue: dict[int, Decimal] = {}
    by_currency: dict[str, Decimal] = {}
    for row in (
        Booking.objects.filter(EARNING, event__in=events_qs)
        .values("event", "currency")
        .annotate(amount=Sum(NET))
        .order_by()
    ):
        revenue[row["event"]] = revenue.get(row["event"], Decimal("0")) + row["amount"]
        by_currency[row["currency"]] = (
            by_currency.get(row["currency"], Decimal("0")) + row["amount"]
        )
    revenue_by_currency = [
        {"currency": currency, "amount": _money(amount)}
        for currency, amount in sorted(by_currency.items())
    ]
    return revenue, revenue_by_currency


def _summary_row(event: Event, counts: dict, earned: Decimal, now: datetime) -> dict[str, Any]:
    return {
        "event": event.id,
        "title": event.title,
        "status": event.status,
        "phase": event.phase_at(now),
        "starts_at": event.starts_at,
        "timezone": event.timezone,
        "capacity": event.capacity,
        "tickets_sold": counts["sold"],
        "sold": event.sales.sold,
        "pending_tickets": event.sales.pending,
        "tickets_available": event.tickets_available,
        "revenue": _money(earned),
        "currency": event.currency,
        "revenue_by_currency": [{"currency": event.currency, "amount": _money(earned)}]
        if earned
        else [],
        "checked_in": counts["admitted"],
        "no_shows": _no_shows(event, sold=counts["sold"], admitted=counts["admitted"]),
        "checkin_rate": _rate(counts["admitted"], counts["sold"]),
    }


def _summary_totals(
    events: list[Event], rows: list[dict], revenue_by_currency: list[dict], now: datetime
) -> dict[str, Any]:
    """The sums of the rows, in Python (exact: integers and Decimals). No-shows only of the
    events that are over; capacity only of published ones (drafts and cancelled events
    offer no seats)."""
    sold = sum(row["tickets_sold"] for row in rows)
    checked_in = sum(row["checked_in"] for row in rows)
    ended = [row for event, row in zip(events, rows, strict=True) if event.ends_at <= now]
    capacity = sum(event.capacity for event in events if event.status == EventStatus.PUBLISHED)
    return {
        "capacity": capacity,
        "tickets_sold": sold,
        "sold": sum(row["sold"] for row in rows),
        "pending_tickets": sum(row["pending_tickets"] for row in rows),
        # One amount only when it is in one currency (else see revenue_by_currency).
        "revenue": revenue_by_currency[0]["amount"]
        if len(revenue_by_currency) == 1
        else (None if revenue_by_currency else "0.00"),
        "revenue_by_currency": revenue_by_currency,
        "checked_in": checked_in,
        "tickets_available": sum(
            row["tickets_available"]
            for event, row in zip(events, rows, strict=True)
            if event.status == EventStatus.PUBLISHED
        ),
        "no_shows": sum(row["tickets_sold"] - row["checked_in"] for row in ended),
        "checkin_rate": _rate(checked_in, sold),
        # Events may sell in different currencies; the total is only meaningful per
        # currency, so it is given with the currencies it adds up.
        "currencies": sorted({row["currency"] for row in rows}),
    }


def organizer_analytics_summary(*, user: User) -> dict[str, Any]:
    """Totals over the caller's events and one row per event, in four queries: the events,
    their holds (sold and pending), their valid tickets grouped by event, their earning
    bookings grouped by event and currency."""
    events_qs = analytics_events_for(user=user)
    now = timezone.now()
    events = list(events_qs.order_by("-starts_at", "-id"))
    event_sales_attach(events)
    tickets = _summary_tickets(events_qs)
    revenue, revenue_by_currency = _summary_revenue(events_qs)
    rows = [
        _summary_row(
            event,
            tickets.get(event.id, {"sold": 0, "admitted": 0}),
            revenue.get(event.id, Decimal("0")),
            now,
        )
        for event in events
    ]
    return {"totals": _summary_totals(events, rows, revenue_by_currency, now), "events": rows}


def attendee_list(*, event: Event, search: str = "", status: str = "current") -> QuerySet[Ticket]:
    """The event's tickets with their holders, for the dashboard: by default the current ones
    (valid, and those awaiting payment, which the organizer may have to mark paid); `status`
    "valid", "pending", "cancelled" or "all" for one kind or every ticket."""
    queryset = Ticket.objects.filter(event=event).select_related("booking__user", "ticket_type")
    if status == "current":
        queryset = queryset.filter(status__in=(TicketStatus.VALID, TicketStatus.PENDING))
    elif status != "all":
        queryset = queryset.filter(status=status)
    if search:
        matches = (
            Q(attendee_name__icontains=search)
            | Q(booking__user__name__icontains=search)
            | Q(booking__user__email__icontains=search)
        )
        if search.isdigit():
            matches |= Q(id=int(search))
        queryset = queryset.filter(matches)
    return queryset.order_by("id")


ATTENDEE_COLUMNS = {
    "ticket": "id",
    "booking": "booking_id",
    "name": "booking__user__name",
    "email": "booking__user__email",
    "status": "status",
    "checked_in_at": "checked_in_at",
    "gate": "checked_in_gate",
    "ticket_type": "ticket_type__name",
    "attendee_name": "attendee_name",
}
# Read with each row for the answer columns, not written as columns themselves.
_ANSWER_SOURCES = ("answers", "booking__answers")


def attendee_rows(
    *, event: Event, question_ids: list[int] = (), chunk: int = 2000
) -> Iterator[tuple]:
    """Every ticket of the event as a row of ATTENDEE_COLUMNS, then its answer to each of
    `question_ids` (the ticket's own, else its booking's), read in keyset pages so memory
    stays flat however big the event (mysqlclient buffers a whole result set client-side, so
    a plain .iterator() would not)."""
    keys = [str(question_id) for question_id in question_ids]
    last_id = 0
    while True:
        page = list(
            Ticket.objects.filter(event=event, id__gt=last_id)
            .order_by("id")
            .values_list(*ATTENDEE_COLUMNS.values(), *_ANSWER_SOURCES)[:chunk]
        )
        if not page:
            return
        for *columns, answers, booking_answers in page:
            given = {**(booking_answers or {}), **(answers or {})}
            yield (*columns, *(given.get(key) for key in keys))
        last_id = page[-1][0]
