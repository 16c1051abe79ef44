"""The embedded default's local state: a folder with the SQLite file and two generated
secrets (Django's SECRET_KEY and the Ed25519 key that signs tickets).

Settings only read these files; the local entry points (manage.py, asgi.py, wsgi.py) call
`ensure_local_state()` before Django loads, so importing the settings never writes to disk and
production (which must be given its secrets) never generates any.
"""

from __future__ import annotations

import base64
import os
import secrets
from collections.abc import Callable
from pathlib import Path

LOCAL_PROFILES = ("local",)


def read_local_secret(data_dir: Path, name: str) -> str:
    """The generated secret `name`, or "" when it was never generated."""
    try:
        return (data_dir / name).read_text().strip()
    except FileNotFoundError:
        return ""


def _write_once(path: Path, make: Callable[[], str]) -> None:
    if path.exists():
        return
    # Write aside, then link into place: a process starting at the same moment sees either
    # no file or the whole file, and the first link wins.
    temporary = path.with_name(f".{path.name}.{os.getpid()}")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(make())
    try:
        os.link(temporary, path)
    except FileExistsError:
        pass
    finally:
        temporary.unlink()


def ensure_local_state() -> None:
    """Create the data folder and the secrets the environment does not give (local only)."""
    if os.environ.get("DJANGO_ENV", "local") not in LOCAL_PROFILES:
        return
    if os.environ.get("DJANGO_SETTINGS_MODULE", "config.settings.local") != "config.settings.local":
        return
    repo = Path(__file__).resolve().parents[2]
    data_dir = Path(os.environ.get("QE_DATA_DIR") or repo / "var")
    data_dir.mkdir(parents=True, exist_ok=True)
    # WhiteNoise looks for collected static files here (the local profile serves the apps').
    Path(os.environ.get("STATIC_ROOT") or data_dir / "static").mkdir(exist_ok=True)
    if not os.environ.get("SECRET_KEY"):
        _write_once(data_dir / "secret_key", lambda: secrets.token_urlsafe(64))
    if not os.environ.get("TICKET_SIGNING_KEYS"):
        _write_once(
            data_dir / "ticket_signing_keys",
            lambda: f"1:{base64.b64encode(os.urandom(32)).decode()}",
        )


def choose_settings() -> None:
    """The settings module from DJANGO_ENV (default `local`), unless one is set."""
    os.environ.setdefault(
        "DJANGO_SETTINGS_MODULE", f"config.settings.{os.environ.get('DJANGO_ENV', 'local')}"
    )


def configure() -> None:
    """What every entry point does before Django loads: choose the settings and make the
    embedded default's local state."""
    choose_settings()
    ensure_local_state()
