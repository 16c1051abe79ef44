"""Production refuses to start half-configured and is clean under `check --deploy`."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

BACKEND = Path(__file__).resolve().parents[2]
GOOD_KEY = "k" * 20 + "Zx9-Qr_7pL2mN4vB8cD1eF3gH5jK6" + "w" * 10


def run_manage(*args, **env):
    clean = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "ALLOWED_HOSTS"}}
    clean.update({"DJANGO_SETTINGS_MODULE": "config.settings.production", **env})
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BACKEND,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS"])
def test_production_refuses_to_start_without(missing):
    env = {"SECRET_KEY": GOOD_KEY, "ALLOWED_HOSTS": "tickets.example.org"}
    env.pop(missing)
    result = run_manage("check", **env)
    assert result.returncode != 0
    assert f"{missing} must be set" in result.stderr


def test_production_passes_check_deploy_without_warnings():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY=GOOD_KEY,
        ALLOWED_HOSTS="tickets.example.org",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refresh_cookie_is_secure():
    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.AUTH_REFRESH_COOKIE['secure'])",
        SECRET_KEY=GOOD_KEY,
        ALLOWED_HOSTS="tickets.example.org",
    )
    assert result.stdout.strip().splitlines()[-1] == "True", result.stderr
