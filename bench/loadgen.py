"""The load generator of the HTTP benchmarks: wrk (Debian's package, C, one thread on epoll),
driven by Lua scripts, so the client takes a small part of the two cores it shares with the
server and the database. Python prepares the requests (tokens and bodies) and checks the
invariants in the database afterwards; wrk only sends them and times the answers.

Every benchmark also measures the floor in the same run against the same server processes:
`GET /api/health/live/`, a DRF view that touches nothing. A figure divided by the floor
compares across runs on this shared, noisy machine; the absolute figure does not.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import signal
import subprocess
import tempfile
import time
from dataclasses import dataclass, replace
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parent / "wrk"
# Between the extra headers of one request in replay.lua's listing (ASCII unit separator).
HEADER_SEPARATOR = "\x1f"


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    authorization: str = ""
    body: str = ""  # JSON, one line
    # Further headers of this one request, such as a webhook's Stripe-Signature.
    headers: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class WrkResult:
    seconds: float
    requests: int  # answered (for a replay: of the prepared requests)
    errors: int  # connect, read, write, timeout, and non-2xx/3xx answers
    lost: int  # prepared requests never answered (a connect error made wrk drop them)
    statuses: dict[str, int]
    p50_ms: float
    p90_ms: float
    p95_ms: float
    p99_ms: float
    max_ms: float
    client_cpu_s: float = 0.0  # user + system time wrk itself used

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    @property
    def client_share(self) -> float:
        """The part of the machine's cores the load generator took while it ran."""
        return self.client_cpu_s / (self.seconds * (os.cpu_count() or 1)) if self.seconds else 0.0


def _children_cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _wrk() -> str:
    path = shutil.which("wrk")
    if path is None:
        raise SystemExit("wrk is not installed: apt-get install wrk (the load generator)")
    return path


def _figures(stdout: str, stderr: str) -> WrkResult:
    line = next((text for text in reversed(stdout.splitlines()) if text.startswith("{")), None)
    if line is None:
        raise RuntimeError(f"wrk printed no figures:\n{stdout}\n{stderr}")
    raw = json.loads(line)
    return WrkResult(
        seconds=raw["duration_us"] / 1e6,
        requests=sum(raw["statuses"].values()) if raw["expected"] else raw["requests"],
        errors=raw["errors"],
        lost=raw["lost"],
        statuses=raw["statuses"],
        p50_ms=raw["p50_us"] / 1000,
        p90_ms=raw["p90_us"] / 1000,
        p95_ms=raw["p95_us"] / 1000,
        p99_ms=raw["p99_us"] / 1000,
        max_ms=raw["max_us"] / 1000,
    )


def _run(arguments: list[str], timeout: float) -> WrkResult:
    cpu_before = _children_cpu_s()
    completed = subprocess.run(
        [_wrk(), *arguments], capture_output=True, text=True, timeout=timeout, check=True
    )
    return replace(
        _figures(completed.stdout, completed.stderr), client_cpu_s=_children_cpu_s() - cpu_before
    )


def replay(
    url: str, requests: list[Request], *, connections: int, threads: int = 1, limit_s: int = 300
) -> WrkResult:
    """Send each request once over `connections` keep-alive connections; wrk's latency
    percentiles cover every answer."""
    with tempfile.NamedTemporaryFile("w", suffix=".tsv", delete=False) as listing:
        for request in requests:
            extra = HEADER_SEPARATOR.join(f"{name}: {value}" for name, value in request.headers)
            for part in (request.path, request.authorization, request.body, extra):
                if "\t" in part or "\n" in part:
                    raise ValueError("a prepared request may hold no tab or newline")
            for name, value in request.headers:
                if HEADER_SEPARATOR in name + value or ":" in name:
                    raise ValueError(f"header {name!r} cannot be replayed")
            line = f"{request.method}\t{request.path}\t{request.authorization}\t{request.body}"
            listing.write(f"{line}\t{extra}\n" if extra else f"{line}\n")
    markers = Path(tempfile.mkdtemp(prefix="wrk-done-"))
    # wrk is the only child waited for in between (the server runs on), so the children's
    # CPU time moves by wrk's alone
    cpu_before = _children_cpu_s()
    process = subprocess.Popen(
        [
            _wrk(),
            f"-t{threads}",
            f"-c{connections}",
            f"-d{limit_s}s",
            "--timeout",
            "30s",
            "-s",
            str(SCRIPTS / "replay.lua"),
            url,
            "--",
            listing.name,
            str(threads),
            f"{markers}/done-",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        # wrk's main thread sleeps for all of -d; once every thread has its answers, SIGINT
        # makes it print the figures and end.
        while process.poll() is None and len(list(markers.iterdir())) < threads:
            time.sleep(0.05)
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
        stdout, stderr = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
        Path(listing.name).unlink()
        shutil.rmtree(markers)
    if process.returncode not in (0, -signal.SIGINT):
        raise RuntimeError(f"wrk failed ({process.returncode}):\n{stderr}")
    return replace(_figures(stdout, stderr), client_cpu_s=_children_cpu_s() - cpu_before)


def floor(url: str, *, connections: int, seconds: int = 5, threads: int = 1) -> WrkResult:
    """The liveness probe asked for `seconds` by `connections` connections."""
    return _run(
        [
            f"-t{threads}",
            f"-c{connections}",
            f"-d{seconds}s",
            "--timeout",
            "30s",
            "-s",
            str(SCRIPTS / "floor.lua"),
            f"{url}/api/health/live/",
        ],
        timeout=seconds + 60,
    )
