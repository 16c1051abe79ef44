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


def run_manage(*args, without=(), extra=None):
    env = {k: v for k, v in os.environ.items() if k not in PRODUCTION_ENV}
    env.update({k: v for k, v in PRODUCTION_ENV.items() if k not in without})
    env.update(extra or {})
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


# What /django-admin/ (and its sign-in) resolve to: Django's admin, or nothing (the SPA's
# page for unknown addresses then answers).
ADMIN_ROUTES = """
from django.urls import Resolver404, resolve
for path in ("/django-admin/", "/django-admin/login/"):
    try:
        print(resolve(path).view_name)
    except Resolver404:
        print("not served")
"""


def test_production_does_not_serve_the_django_admin_unless_switched_on():
    result = run_manage("shell", "-c", ADMIN_ROUTES)
    assert result.stdout.split()[-2:] == ["not", "served"], result.stdout + result.stderr
    assert result.stdout.count("not served") == 2
    switched_on = run_manage("shell", "-c", ADMIN_ROUTES, extra={"QE_DJANGO_ADMIN": "1"})
    # On, and its sign-in is the throttled one.
    assert switched_on.stdout.split()[-2:] == ["admin:index", "django-admin-login"], (
        switched_on.stdout + switched_on.stderr
    )


def test_production_refuses_to_load_the_demo_accounts_unless_qe_demo_is_set(tmp_path):
    result = run_manage("seed_demo", extra={"QE_DATA_DIR": str(tmp_path)})
    assert result.returncode != 0
    assert "QE_DEMO=1" in result.stderr
    assert not list(tmp_path.iterdir())  # refused before touching any database


def make_dry_run(*assignments: str) -> str:
    """The commands `make run-prod` would run (make -n: nothing is run)."""
    result = subprocess.run(
        ["make", "-n", "run-prod", "DATABASE_URL=mysql://x", "REDIS_URL=redis://x", *assignments],
        cwd=BACKEND.parent,
        env={k: v for k, v in os.environ.items() if k != "QE_DEMO"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_make_run_prod_loads_the_demo_accounts_only_with_qe_demo():
    assert "seed_demo" not in make_dry_run()
    assert "migrate" in make_dry_run()
    assert "QE_DEMO=1 ../.venv/bin/python manage.py seed_demo" in make_dry_run("QE_DEMO=1")
