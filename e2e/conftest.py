"""End-to-end fixtures: a real QR-Entry server (uvicorn, ASGI: API + SPA + WebSockets) on a
database of its own, and Debian's Chromium driven by Playwright."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse, urlunparse

import pytest
import segno
from playwright.sync_api import Browser, Page, Playwright, sync_playwright

from support import ARTIFACTS, BACKEND, CHROMIUM, CHROMIUM_ARGS, REPO, stripe_testing


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _fresh_mysql_database(url: str, suffix: str = "e2e") -> str:
    """A fresh database next to the test run's own, so the live server never shares state."""
    import MySQLdb

    parsed = urlparse(url)
    name = f"{parsed.path.lstrip('/')}_{suffix}"
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


@pytest.fixture(scope="session")
def server_env(tmp_path_factory) -> dict[str, str]:
    data_dir = tmp_path_factory.mktemp("qe-data")
    env = {
        **os.environ,
        "DJANGO_ENV": "local",
        "QE_DATA_DIR": str(data_dir),
        # Every test signs people up from 127.0.0.1.
        "QE_THROTTLE_REGISTER": "10000/hour",
        # ... and books bank-transfer holds from it (the hoarding limit per address).
        "QE_MANUAL_HOLDS_PER_ADDRESS": "10000",
        # E-mails land as files the tests read (mail_outbox).
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(data_dir / "mail"),
        "QE_WORKER_POLL_SECONDS": "0.2",
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    database_url = os.environ.get("DATABASE_URL", "")
    if database_url.startswith("mysql"):
        env["DATABASE_URL"] = _fresh_mysql_database(database_url)
    else:
        env["DATABASE_URL"] = f"sqlite:///{data_dir / 'e2e.sqlite3'}"
    return env


def fresh_database_url(env: dict[str, str], data_dir: Path, suffix: str) -> str:
    """Another empty database of the same kind as env's, for a server that must not share."""
    if env["DATABASE_URL"].startswith("mysql"):
        return _fresh_mysql_database(os.environ["DATABASE_URL"], suffix)
    return f"sqlite:///{data_dir / f'{suffix}.sqlite3'}"


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=BACKEND, env=env, check=True)


def uvicorn_command(port: int) -> list[str]:
    return [
        *(sys.executable, "-m", "uvicorn", "config.asgi:application"),
        *("--host", "127.0.0.1", "--port", str(port), "--lifespan", "off"),
    ]


def gunicorn_command(port: int) -> list[str]:
    return [
        *(sys.executable, "-m", "gunicorn", "config.wsgi:application"),
        *("--workers", "2", "--bind", f"127.0.0.1:{port}"),
    ]


def serve(env: dict[str, str], name: str, command=uvicorn_command) -> Iterator[str]:
    """Run a server process (uvicorn by default) until the generator is closed. Its Popen is
    kept in serve.processes[name] for tests that kill it."""
    port = _free_port()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    log = open(ARTIFACTS / f"{name}.log", "w")  # noqa: SIM115 - closed at teardown
    process = subprocess.Popen(
        command(port),
        cwd=BACKEND,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group: its workers die with it
    )
    serve.processes[name] = process
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
            os.killpg(process.pid, signal.SIGKILL)
            log.close()
            pytest.fail(f"{name} did not start; see {ARTIFACTS / f'{name}.log'}")
        time.sleep(0.3)
    yield url
    stop(process)
    log.close()
    assert_no_traceback(ARTIFACTS / f"{name}.log")


serve.processes = {}


def assert_no_traceback(log: Path) -> None:
    """A server or worker that logged an exception failed someone, even when every page the
    tests looked at came out right (a live view that died and reconnected, a 500 nobody
    asserted on)."""
    text = log.read_text(errors="replace")
    start = text.find("Traceback (most recent call last)")
    if start != -1:
        pytest.fail(
            f"{log} has {text.count('Traceback (most recent call last)')} traceback(s); "
            f"the first:\n{text[start : start + 3000]}"
        )


def start_worker(env: dict[str, str], name: str) -> subprocess.Popen:
    """The background worker (outbox: e-mails; periodic jobs), as `make run` starts it."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    log = open(ARTIFACTS / f"{name}.log", "w")  # noqa: SIM115 - lives as long as the process
    return subprocess.Popen(
        [sys.executable, "manage.py", "run_worker"],
        cwd=BACKEND,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


@pytest.fixture(scope="session")
def app_server(server_env) -> Iterator[str]:
    if not (REPO / "frontend" / "dist" / "index.html").exists():
        pytest.fail("frontend/dist is missing: run `make build` (make test does) first")
    manage(server_env, "migrate", "--noinput", "-v", "0")
    manage(server_env, "seed_demo")
    worker = start_worker(server_env, "worker")
    try:
        yield from serve(server_env, "server")
    finally:
        stop(worker)
    assert_no_traceback(ARTIFACTS / "worker.log")


@pytest.fixture
def mail_outbox(server_env):
    """The e-mails the live server's worker has sent so far (file backend), oldest first."""
    import email
    from email import policy

    folder = Path(server_env["EMAIL_FILE_PATH"])

    def read() -> list[email.message.EmailMessage]:
        if not folder.exists():
            return []
        messages = []
        for path in sorted(folder.iterdir(), key=lambda p: p.stat().st_mtime):
            # The file backend writes each message followed by a line of dashes.
            for raw in path.read_text().split("\n" + "-" * 79 + "\n"):
                if raw.strip():
                    messages.append(email.message_from_string(raw, policy=policy.default))
        return messages

    return read


@pytest.fixture(scope="session")
def localstripe() -> Iterator[str]:
    """localstripe (a stateful fake Stripe from PyPI) on a free port: its base URL. Its fake
    Stripe.js is at `{localstripe}/js.stripe.com/v3/`; a browser test routes
    `https://js.stripe.com/v3/**` there with `page.route`. PaymentMethod ids for the test cards:
    `support.stripe_testing.card_payment_method(localstripe, stripe_testing.CARD_3D_SECURE)`."""
    with stripe_testing.localstripe_server() as base:
        yield base


@pytest.fixture(scope="session")
def paid_app_server(localstripe, server_env, tmp_path_factory) -> Iterator[str]:
    """A QR-Entry server with Stripe switched on against `localstripe` (STRIPE_SECRET_KEY,
    STRIPE_PUBLISHABLE_KEY, STRIPE_WEBHOOK_SECRET, STRIPE_API_BASE), on a database of its own
    (demo data seeded: "Harbour Lights Festival" sells two ticket types, and every paid demo
    event offers `manual`; create events through the API to offer `stripe`), with its own
    worker (refunds, e-mails, the hold sweep) and localstripe's webhooks registered to its
    `/api/payments/stripe/webhook/`. Yields its base URL.

    Usage: `def test_x(page: Page, paid_app_server, localstripe): page.goto(paid_app_server)`
    (the `page` fixture's base URL is app_server's: open a context with
    `base_url=paid_app_server` for relative paths)."""
    data_dir = tmp_path_factory.mktemp("qe-paid")
    env = {
        **server_env,
        **stripe_testing.stripe_settings(localstripe),
        "QE_DATA_DIR": str(data_dir),
        "EMAIL_FILE_PATH": str(data_dir / "mail"),
        "QE_HOLD_SWEEP_SECONDS": "2",
    }
    env["DATABASE_URL"] = fresh_database_url(server_env, data_dir, "paid")
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "seed_demo")
    worker = start_worker(env, "paid-worker")
    try:
        for url in serve(env, "paid-server"):
            stripe_testing.localstripe_webhook_register(
                localstripe, url=f"{url}/api/payments/stripe/webhook/"
            )
            yield url
    finally:
        stop(worker)
    assert_no_traceback(ARTIFACTS / "paid-worker.log")


@pytest.fixture(scope="session")
def second_app_server(app_server, server_env) -> Iterator[str]:
    """Another process on the same database and channel layer: a second web worker."""
    yield from serve(server_env, "server-2")


def pytest_collection_modifyitems(config, items):
    """Processes share live updates only through Redis, and races need MySQL/MariaDB: tests
    marked `redis` or `mysql` are deselected without them (the embedded default); CI's
    MariaDB + Redis pass runs them all."""
    unavailable = set()
    if not os.environ.get("REDIS_URL"):
        unavailable.add("redis")
    if not os.environ.get("DATABASE_URL", "").startswith("mysql"):
        unavailable.add("mysql")
    left_out = [i for i in items if any(i.get_closest_marker(m) for m in unavailable)]
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        items[:] = [i for i in items if i not in left_out]


@pytest.fixture(scope="session")
def playwright_driver() -> Iterator[Playwright]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: apt-get install chromium")
    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(playwright_driver: Playwright) -> Iterator[Browser]:
    browser = playwright_driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture
def camera_browser(playwright_driver: Playwright, tmp_path) -> Iterator:
    """Start a Chromium whose camera films the given QR code (see shared TESTING.md)."""
    if not shutil.which("ffmpeg"):
        pytest.fail("ffmpeg is needed for the fake camera: apt-get install ffmpeg")
    started: list[Browser] = []

    def launch(code: str) -> Browser:
        image, video = tmp_path / f"qr-{len(started)}.png", tmp_path / f"qr-{len(started)}.y4m"
        segno.make(code, error="m").save(str(image), scale=8, border=4)
        subprocess.run(
            [
                "ffmpeg",
                "-loglevel",
                "error",
                "-y",
                "-loop",
                "1",
                "-i",
                str(image),
                "-vf",
                "scale=440:440:flags=neighbor,pad=640:480:(ow-iw)/2:(oh-ih)/2:color=white",
                "-t",
                "3",
                "-r",
                "10",
                "-pix_fmt",
                "yuv420p",
                str(video),
            ],
            check=True,
        )
        browser = playwright_driver.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                *CHROMIUM_ARGS,
                "--use-fake-ui-for-media-stream",
                "--use-fake-device-for-media-stream",
                f"--use-file-for-fake-video-capture={video}",
            ],
        )
        started.append(browser)
        return browser

    yield launch
    for browser in started:
        browser.close()


@pytest.fixture
def page(browser: Browser, app_server: str) -> Iterator[Page]:
    # A phone-sized viewport: door staff use phones.
    context = browser.new_context(base_url=app_server, viewport={"width": 390, "height": 844})
    context.set_default_timeout(10_000)
    page = context.new_page()
    violations = watch_csp(page)
    yield page
    context.close()
    assert not violations, f"Content-Security-Policy violations: {violations}"


def watch_csp(page: Page) -> list[str]:
    """Collect the page's Content-Security-Policy violations (the app must cause none)."""
    violations: list[str] = []

    def on_console(message) -> None:
        if "Content Security Policy" in message.text:
            violations.append(message.text)

    page.on("console", on_console)
    return violations
