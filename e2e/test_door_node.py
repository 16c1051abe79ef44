"""A door node (`manage.py door_node`, what `make run-door` runs) mirrors an event from the main
server, keeps admitting people exactly once while the main server is stopped, and once it is
back both agree on every ticket, with the double admission listed as a conflict on both."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import _free_port, fresh_database_url, manage, stop
from support import ARTIFACTS, BACKEND, DEMO, DEMO_PASSWORD, api, register_attendee


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/api/health/", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


def _wait(condition, what: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.3)


def _spawn(command: list[str], env: dict, name: str) -> subprocess.Popen:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    log = open(ARTIFACTS / f"{name}.log", "a")  # noqa: SIM115 - lives as long as the process
    return subprocess.Popen(
        command,
        cwd=BACKEND,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def _main_server(env: dict, port: int) -> subprocess.Popen:
    process = _spawn(
        [
            *(sys.executable, "-m", "uvicorn", "config.asgi:application"),
            *("--host", "127.0.0.1", "--port", str(port), "--lifespan", "off"),
        ],
        env,
        "door-main-server",
    )
    _wait(lambda: _healthy(f"http://127.0.0.1:{port}"), "the main server")
    return process


def _validate(base: str, token: str, event: int, code: str, gate: str) -> dict:
    return api(
        base, "/api/attendance/validate/", {"event": event, "code": code, "gate": gate}, token
    )


def _admitted(base: str, token: str, event: int) -> dict[int, bool]:
    kit = api(base, f"/api/events/{event}/door-kit/", token=token)
    return {ticket["id"]: ticket["checked_in_at"] is not None for ticket in kit["tickets"]}


def test_a_door_node_admits_while_the_main_server_is_down_and_both_agree_after(tmp_path):
    main_dir, node_dir = tmp_path / "main", tmp_path / "node"
    main_dir.mkdir()
    node_dir.mkdir()
    main_env = {
        **os.environ,
        "DJANGO_ENV": "local",
        "QE_DATA_DIR": str(main_dir),
        "QE_THROTTLE_REGISTER": "10000/hour",
    }
    main_env.pop("DJANGO_SETTINGS_MODULE", None)
    main_env.setdefault("DATABASE_URL", "")
    main_env["DATABASE_URL"] = fresh_database_url(main_env, main_dir, "door_main")
    manage(main_env, "migrate", "--noinput", "-v", "0")
    manage(main_env, "seed_demo")
    port = _free_port()
    main = f"http://127.0.0.1:{port}"
    server = _main_server(main_env, port)
    node_loop = None
    try:
        staff = api(main, "/api/auth/login/", {"email": DEMO["staff"], "password": DEMO_PASSWORD})
        event = api(main, "/api/events/?search=Neon+Nights")["results"][0]["id"]
        _, _, attendee = register_attendee(main, "Dora Door")
        booking = api(main, "/api/book-ticket/", {"event": event, "quantity": 4}, attendee)
        tickets = booking["tickets"]
        t1, t2, t3, t4 = (t["code"] for t in tickets)
        assert _validate(main, staff["access"], event, t1, "Online")["status"] == "accepted"

        # The door node: its own database and keys (it holds no private key of the main
        # server), the main server's address, the event and a door staff sign-in.
        node_port = _free_port()
        node = f"http://127.0.0.1:{node_port}"
        node_env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_URL", "REDIS"))},
            "DJANGO_ENV": "local",
            "QE_DATA_DIR": str(node_dir),
            "QE_DOOR_UPSTREAM": main,
            "QE_DOOR_EVENT": str(event),
            "QE_DOOR_EMAIL": DEMO["staff"],
            "QE_DOOR_PASSWORD": DEMO_PASSWORD,
            "QE_DOOR_POLL_SECONDS": "0.5",
        }
        for name in ("DJANGO_SETTINGS_MODULE", "TICKET_SIGNING_KEYS", "QE_REDIS_PREFIX"):
            node_env.pop(name, None)
        manage(node_env, "migrate", "--noinput", "-v", "0")
        node_loop = _spawn(
            [
                sys.executable,
                "manage.py",
                "door_node",
                "--host",
                "127.0.0.1",
                "--port",
                str(node_port),
            ],
            node_env,
            "door-node",
        )
        _wait(lambda: _healthy(node), "the door node")
        door = api(node, "/api/auth/login/", {"email": DEMO["staff"], "password": DEMO_PASSWORD})
        token = door["access"]
        kit = api(node, f"/api/events/{event}/door-kit/", token=token)
        assert {t["id"] for t in kit["tickets"]} >= {t["id"] for t in tickets}
        # Admitted upstream before the outage: refused at the node.
        first = _validate(node, token, event, t1, "Node gate")
        assert (first["status"], first["reason"]) == ("rejected", "duplicate")

        # Freeze the node's sync loop (its web server keeps serving) so that it cannot learn
        # of the next upstream admission: then the main server goes down.
        os.kill(node_loop.pid, signal.SIGSTOP)
        assert _validate(main, staff["access"], event, t2, "Online")["status"] == "accepted"
        stop(server)
        assert not _healthy(main)
        os.kill(node_loop.pid, signal.SIGCONT)

        # No main server: the node admits from its copy, exactly once, and refuses fakes.
        for code in (t2, t3):
            assert _validate(node, token, event, code, "Node gate")["status"] == "accepted"
        again = _validate(node, token, event, t3, "Node gate")
        assert (again["status"], again["reason"]) == ("rejected", "duplicate")
        forged = t4[:-3] + ("A" if t4[-3] != "A" else "B") + t4[-2:]
        assert _validate(node, token, event, forged, "Node gate")["reason"] == "fake"
        time.sleep(1.5)  # a few sync rounds against a dead main server: nothing is lost

        server = _main_server(main_env, port)  # same database, same address
        log = f"/api/attendance/?event={event}&reason=offline_conflict"
        _wait(lambda: api(main, log, token=staff["access"])["count"] == 1, "the conflict upstream")
        _wait(
            lambda: _admitted(main, staff["access"], event) == _admitted(node, token, event),
            "the main server and the node to agree",
        )
        upstream = _admitted(main, staff["access"], event)
        assert [upstream[t["id"]] for t in tickets] == [True, True, True, False]
        conflict = api(main, log, token=staff["access"])["results"][0]
        assert conflict["ticket"]["id"] == tickets[1]["id"]
        assert conflict["offline"] is True

        listed = subprocess.run(
            [sys.executable, "manage.py", "door_node", "--conflicts"],
            cwd=BACKEND,
            env=node_env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        assert f"ticket {tickets[1]['id']}:" in listed
        assert f"ticket {tickets[2]['id']}:" not in listed
        Path(ARTIFACTS / "door-node-conflicts.txt").write_text(listed)
        Path(ARTIFACTS / "door-node-agreement.json").write_text(json.dumps(upstream, indent=2))
    finally:
        if node_loop is not None:
            os.kill(node_loop.pid, signal.SIGCONT) if node_loop.poll() is None else None
            stop(node_loop)
        stop(server)
