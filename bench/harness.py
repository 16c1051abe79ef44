"""Shared parts of the load benchmarks: a fresh MariaDB database, a real server with several
worker processes, a concurrent HTTP load generator and percentiles.

The load generator is plain http.client in several processes x threads, so the client's own
GIL does not cap the measured rate; it shares the machine's two cores with the server, which
the results say.
"""

from __future__ import annotations

import http.client
import json
import multiprocessing as mp
import os
import platform
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse, urlunparse

REPO = Path(__file__).resolve().parents[1]
BACKEND = REPO / "backend"
PYTHON = sys.executable
BENCH_SECRET = "bench-" + "x" * 60
BENCH_TICKET_KEYS = "1:" + "QmVuY2htYXJrIHRpY2tldCBzaWduaW5nIGtleSAzMmI="


def fresh_mysql_url(base_url: str, name: str) -> str:
    import MySQLdb

    parsed = urlparse(base_url)
    connection = MySQLdb.connect(
        host=parsed.hostname or "127.0.0.1",
        port=parsed.port or 3306,
        user=parsed.username or "root",
        password=parsed.password or "",
    )
    with connection.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS `{name}`")
        cursor.execute(f"CREATE DATABASE `{name}` CHARACTER SET utf8mb4")
    connection.close()
    return urlunparse(parsed._replace(path=f"/{name}"))


def server_env(database_url: str) -> dict[str, str]:
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "SECRET_KEY": BENCH_SECRET,
        "TICKET_SIGNING_KEYS": BENCH_TICKET_KEYS,
        "DJANGO_SETTINGS_MODULE": "config.settings.local",
        "LOG_LEVEL": "WARNING",
        # Login throttling is not what is measured; bookings use pre-issued tokens anyway.
        "JWT_ACCESS_MINUTES": "15",
        # WSGI workers keep their database connection between requests (production advice).
        "CONN_MAX_AGE": os.environ.get("CONN_MAX_AGE", "60"),
        # Mail is rendered (QR images included) but not printed: the console would dominate.
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
    }
    env.pop("DJANGO_ENV", None)
    return env


def django_setup(env: dict[str, str]) -> None:
    os.environ.update(env)
    sys.path.insert(0, str(BACKEND))
    import django

    django.setup()


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([PYTHON, "manage.py", *args], cwd=BACKEND, env=env, check=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    process: subprocess.Popen
    url: str
    layout: str

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()


def start_server(env: dict[str, str], *, workers: int, layout: str = "gunicorn") -> Server:
    port = free_port()
    if layout == "gunicorn":
        command = [
            PYTHON,
            "-m",
            "gunicorn",
            "config.wsgi:application",
            "--workers",
            str(workers),
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            "--backlog",
            "2048",
        ]
        description = f"gunicorn, {workers} sync workers (WSGI)"
    else:
        command = [
            PYTHON,
            "-m",
            "uvicorn",
            "config.asgi:application",
            "--workers",
            str(workers),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--lifespan",
            "off",
            "--no-access-log",
            "--log-level",
            "warning",
        ]
        description = f"uvicorn, {workers} workers (ASGI)"
    if layout != "gunicorn":
        # Under ASGI each request may run on another thread: persistent connections pile up
        # until MySQL refuses more ("Too many connections", seen here). Django's advice: 0.
        env = {**env, "CONN_MAX_AGE": "0"}
    process = subprocess.Popen(command, cwd=BACKEND, env=env)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"{url}/api/health/", timeout=2) as response:
                if response.status == 200:
                    break
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            raise RuntimeError("server did not start")
        time.sleep(0.3)
    return Server(process=process, url=url, layout=description)


def start_worker(env: dict[str, str]) -> subprocess.Popen:
    """A Celery worker for the e-mails, as in the production profile."""
    return subprocess.Popen(
        [
            PYTHON,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            "--concurrency",
            "1",
            "--loglevel",
            "WARNING",
            "--without-mingle",
            "--without-gossip",
        ],
        cwd=BACKEND,
        env=env,
    )


@dataclass
class Sample:
    started: float
    finished: float
    status: int
    body: dict | None


def _client_process(url, requests, counter, out_queue, threads):
    import threading

    parsed = urlparse(url)
    results: list[tuple] = []
    lock = threading.Lock()

    def worker():
        connection = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=30)
        local = []
        while True:
            with counter.get_lock():
                index = counter.value
                if index >= len(requests):
                    break
                counter.value += 1
            method, path, headers, body = requests[index]
            started = time.perf_counter()
            try:
                connection.request(method, path, body=body, headers=headers)
                response = connection.getresponse()
                payload = response.read()
                status = response.status
                if response.getheader("Connection", "").lower() == "close":
                    connection.close()
            except (OSError, http.client.HTTPException):
                connection.close()
                connection = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=30)
                payload, status = b"", 0
            finished = time.perf_counter()
            local.append((started, finished, status, payload[:400]))
        with lock:
            results.extend(local)

    pool = [threading.Thread(target=worker) for _ in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    out_queue.put(results)


def run_load(url: str, requests: list[tuple], *, clients: int, processes: int = 4) -> list[Sample]:
    """Send the requests with `clients` concurrent connections; each request is sent once."""
    counter = mp.Value("l", 0)
    queue: mp.Queue = mp.Queue()
    per_process = [
        clients // processes + (1 if i < clients % processes else 0) for i in range(processes)
    ]
    workers = [
        mp.Process(target=_client_process, args=(url, requests, counter, queue, n))
        for n in per_process
        if n
    ]
    for worker in workers:
        worker.start()
    samples: list[Sample] = []
    for _ in workers:
        for started, finished, status, payload in queue.get():
            try:
                body = json.loads(payload) if payload.startswith(b"{") else None
            except ValueError:
                body = None
            samples.append(Sample(started, finished, status, body))
    for worker in workers:
        worker.join()
    return samples


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


def machine() -> str:
    return f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"


def median(values: list[float]) -> float:
    return statistics.median(values)
