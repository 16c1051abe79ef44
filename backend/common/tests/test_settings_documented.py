"""Every environment variable the code reads is in the README's configuration table, and
importing the settings writes nothing to disk."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]
# env.str("NAME", ...), env.int("NAME"), os.environ.get("NAME"), os.environ["NAME"], ...
READS = re.compile(
    r"""(?:\benv(?:\.(?:str|int|bool|float|list|json|url|db_url))?\(|os\.environ(?:\.get)?[\(\[]|getenv\()\s*["']([A-Z][A-Z0-9_]+)["']"""
)
# Read by entry points to pick a profile, or set by tests for tests only.
NOT_SETTINGS = {"DJANGO_SETTINGS_MODULE"}


def _variables_read() -> set[str]:
    names: set[str] = set()
    for path in (REPO / "backend").rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        names.update(READS.findall(path.read_text()))
    return names - NOT_SETTINGS


def test_every_variable_the_code_reads_is_documented_in_the_readme():
    readme = (REPO / "README.md").read_text()
    documented = set(re.findall(r"`([A-Z][A-Z0-9_]+)`", readme))
    read = _variables_read()
    assert len(read) > 20, read  # the scan itself works
    missing = sorted(read - documented)
    assert not missing, f"README 'Configuration' does not document: {missing}"


def test_importing_the_settings_writes_nothing(tmp_path):
    data_dir = tmp_path / "data"
    env = {
        **os.environ,
        "QE_DATA_DIR": str(data_dir),
        "DJANGO_SETTINGS_MODULE": "config.settings.local",
    }
    env.pop("DATABASE_URL", None)
    code = "from django.conf import settings; print(settings.DATABASES, settings.DATA_DIR)"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO / "backend", env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert not data_dir.exists()


def test_a_local_entry_point_makes_the_local_state_once(tmp_path):
    data_dir = tmp_path / "data"
    env = {**os.environ, "QE_DATA_DIR": str(data_dir), "DJANGO_ENV": "local"}
    for name in ("DJANGO_SETTINGS_MODULE", "SECRET_KEY", "TICKET_SIGNING_KEYS", "DATABASE_URL"):
        env.pop(name, None)
    for _ in range(2):
        result = subprocess.run(
            [sys.executable, "manage.py", "check"],
            cwd=REPO / "backend",
            env=env,
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0, result.stderr
    secret = (data_dir / "secret_key").read_text()
    assert len(secret) >= 50
    assert (data_dir / "ticket_signing_keys").read_text().startswith("1:")
