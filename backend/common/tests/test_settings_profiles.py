"""Production refuses to start half-configured and is clean under `check --deploy`."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

BACKEND = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "SECRET_KEY": "k" * 20 + "Zx9-Qr_7pL2mN4vB8cD1eF3gH5jK6" + "w" * 10,
    "ALLOWED_HOSTS": "tickets.example.org",
    "TICKET_SIGNING_KEYS": "1:" + "A" * 43 + "=",
}


def run_manage(*args, without=()):
    env = {k: v for k, v in os.environ.items() if k not in PRODUCTION_ENV}
    env.update({k: v for k, v in PRODUCTION_ENV.items() if k not in without})
    env["DJANGO_SETTINGS_MODULE"] = "config.settings.production"
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BACKEND,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("missing", sorted(PRODUCTION_ENV))
def test_production_refuses_to_start_without(missing):
    result = run_manage("check", without=[missing])
    assert result.returncode != 0
    assert f"{missing} must be set" in result.stderr


def test_production_passes_check_deploy_without_warnings():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refresh_cookie_is_secure():
    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.AUTH_REFRESH_COOKIE['secure'])",
    )
    assert result.stdout.strip().splitlines()[-1] == "True", result.stderr
