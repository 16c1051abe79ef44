"""Confirmation e-mails survive a crash: the web server is SIGKILLed in the middle of a booking
flood and started again; afterwards every booking that committed gets its e-mail, exactly
once, and a booking whose transaction died with the process gets none.

The e-mail is a row of the outbox written in the booking's own transaction, so it exists if
and only if the booking does; the worker (`make run`'s second process) sends it later. Here
the worker starts only after the crash and the restart: nothing the e-mails need may have
lived in the web process's memory.
"""

from __future__ import annotations

import email
import os
import re
import signal
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from email import policy
from pathlib import Path
from urllib.error import HTTPError

import pytest

from conftest import fresh_database_url, manage, serve, start_worker, stop
from support import DEMO, DEMO_PASSWORD, api, register_attendee

BUYERS = 40


@pytest.fixture(scope="module")
def kill_env(server_env, tmp_path_factory) -> dict[str, str]:
    """A database and a mail folder of its own: no other server's worker may send these."""
    data_dir = tmp_path_factory.mktemp("qe-kill")
    env = {
        **server_env,
        "QE_DATA_DIR": str(data_dir),
        "DATABASE_URL": fresh_database_url(server_env, data_dir, suffix="kill"),
        "EMAIL_FILE_PATH": str(data_dir / "mail"),
        "QE_REDIS_PREFIX": f"{server_env.get('QE_REDIS_PREFIX', 'qe')}-kill",
    }
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "seed_demo")
    return env


def sent_mails(folder: Path) -> list[email.message.EmailMessage]:
    if not folder.exists():
        return []
    messages = []
    for path in folder.iterdir():
        for raw in path.read_text().split("\n" + "-" * 79 + "\n"):
            if raw.strip():
                messages.append(email.message_from_string(raw, policy=policy.default))
    return messages


def confirmations(folder: Path, title: str) -> Counter[int]:
    """How many confirmation e-mails each booking id got, for this event."""
    counts: Counter[int] = Counter()
    for message in sent_mails(folder):
        if message["Subject"] != f"Your tickets for {title}":
            continue
        body = message.get_body(preferencelist=("plain",)).get_content()
        [booking_id] = re.findall(r"your booking #(\d+) for", body)
        counts[int(booking_id)] += 1
    return counts


def book(base: str, token: str, event_id: int) -> int:
    try:
        api(base, "/api/book-ticket/", {"event": event_id, "quantity": 1}, token)
        return 201
    except HTTPError as error:
        return error.code
    except OSError:
        return 0  # the connection died with its process


def test_every_committed_booking_is_mailed_once_after_a_sigkill(kill_env):
    first = serve(kill_env, "kill-victim")
    url = next(first)
    organizer = api(
        url, "/api/auth/login/", {"email": DEMO["organizer"], "password": DEMO_PASSWORD}
    )
    token = organizer["access"]
    starts = datetime.now(UTC) + timedelta(days=2)
    title = f"Crash night {time.monotonic_ns()}"
    event = api(
        url,
        "/api/events/",
        {
            "title": title,
            "venue": "Hall",
            "timezone": "Europe/Berlin",
            "capacity": 500,
            "starts_at": starts.isoformat(),
            "ends_at": (starts + timedelta(hours=3)).isoformat(),
            "max_per_booking": 2,
            "status": "published",
        },
        token,
    )
    buyers = [register_attendee(url, f"Buyer {n}")[2] for n in range(BUYERS)]
    victim = serve.processes["kill-victim"]

    with ThreadPoolExecutor(12) as pool:
        futures = [pool.submit(book, url, buyers[n], event["id"]) for n in range(BUYERS)]
        deadline = time.monotonic() + 20
        while sum(f.done() for f in futures) < 10 and time.monotonic() < deadline:
            time.sleep(0.01)
        os.killpg(victim.pid, signal.SIGKILL)  # mid-flood, no goodbye
        statuses = Counter(future.result() for future in futures)
    next(first, None)  # the rest of serve(): its log is closed (the process is dead)
    assert statuses[201] < BUYERS, "the flood finished before the kill; nothing was tested"
    assert statuses[201] >= 1, statuses

    # Started again: the same database, a new process, and only now a worker.
    second = serve(kill_env, "kill-restarted")
    url = next(second)
    worker = start_worker(kill_env, "kill-worker")
    try:
        late = register_attendee(url, "Late Comer")[2]
        assert book(url, late, event["id"]) == 201
        attendees = api(
            url, f"/api/admin/events/{event['id']}/attendees/?page_size=100", token=token
        )
        committed = {row["booking"] for row in attendees["results"]}
        assert attendees["count"] == len(committed)  # one ticket per booking here
        assert len(committed) >= statuses[201] + 1  # an answer may be lost, never a booking

        folder = Path(kill_env["EMAIL_FILE_PATH"])
        deadline = time.monotonic() + 90
        while set(confirmations(folder, title)) != committed and time.monotonic() < deadline:
            time.sleep(0.5)
        time.sleep(2)  # ten more polls of the worker: time for a second copy to show up
        counts = confirmations(folder, title)
    finally:
        stop(worker)
        next(second, None)  # the rest of serve(): stops the server
    assert set(counts) == committed, {
        "missing": sorted(committed - set(counts)),
        "unknown": sorted(set(counts) - committed),
    }
    twice = {booking: n for booking, n in counts.items() if n != 1}
    assert not twice, f"mailed more than once: {twice}"
    # The e-mails show the event's own time zone.
    [sample] = [m for m in sent_mails(folder) if m["Subject"] == f"Your tickets for {title}"][:1]
    assert re.search(
        r"When: \w{3} \d+ \w{3} \d{4}, \d\d:\d\d CE[S]?T",
        sample.get_body(preferencelist=("plain",)).get_content(),
    )
