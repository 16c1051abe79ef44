"""The live API keeps the contract its OpenAPI schema states: Schemathesis generates requests
for every operation of /api/schema/ (valid and invalid ones) and checks every answer: never a
5xx, only documented status codes and content types, bodies that match their schema (error
bodies included, down to the `code` values each operation declares).

It runs against a server of its own, on a database of its own: it creates, edits and cancels
events at random, which the browser tests must not see.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import fresh_database_url, manage, serve
from support import ARTIFACTS, DEMO, DEMO_PASSWORD, api

CHECKS = (
    "not_a_server_error",
    "status_code_conformance",
    "content_type_conformance",
    "response_schema_conformance",
)
# Examples per operation: bounded so the whole run stays well inside CI's time.
MAX_EXAMPLES = os.environ.get("QE_SCHEMATHESIS_EXAMPLES", "50")
# Fixed so a failure reproduces; set another seed to explore further.
SEED = os.environ.get("QE_SCHEMATHESIS_SEED", "1")
SCHEMATHESIS = str(Path(sys.executable).with_name("schemathesis"))


@pytest.fixture(scope="module")
def contract_server(server_env, tmp_path_factory) -> Iterator[str]:
    data_dir = tmp_path_factory.mktemp("qe-contract")
    env = {
        **server_env,
        "QE_DATA_DIR": str(data_dir),
        "DATABASE_URL": fresh_database_url(server_env, data_dir, suffix="contract"),
        # The run takes a few minutes; the tokens it signs with must outlive it.
        "JWT_ACCESS_MINUTES": "15",
        # Its own Redis keys too: its hundreds of wrong passwords (sign-in, change, delete)
        # from 127.0.0.1 must not throttle the browser tests' servers sharing that Redis.
        "QE_REDIS_PREFIX": f"{server_env.get('QE_REDIS_PREFIX', 'qe')}-contract",
    }
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "seed_demo")
    yield from serve(env, "contract-server")


@pytest.fixture(scope="module")
def tokens(contract_server) -> dict[str, str]:
    # Signed in before any run: Schemathesis' failed sign-ins soon throttle this address.
    return {
        who: api(
            contract_server, "/api/auth/login/", {"email": DEMO[who], "password": DEMO_PASSWORD}
        )["access"]
        for who in ("organizer", "attendee")
    }


@pytest.mark.parametrize("who", ["organizer", "attendee"])
def test_live_api_answers_as_its_schema_says(contract_server, tokens, who):
    command = [
        SCHEMATHESIS,
        "run",
        f"{contract_server}/api/schema/",
        *("--checks", ",".join(CHECKS)),
        *("--max-examples", MAX_EXAMPLES),
        *("--seed", SEED),
        *("--header", f"Authorization: Bearer {tokens[who]}"),
        *("--workers", "1"),
        *("--phases", "examples,coverage,fuzzing"),
        *("--generation-database", "none"),
        "--no-color",
    ]
    result = subprocess.run(
        command, capture_output=True, text=True, timeout=900, check=False, env=os.environ
    )
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    report = ARTIFACTS / f"schemathesis-{who}.txt"
    report.write_text(result.stdout + result.stderr)
    summary = re.search(r"Test cases:\s*\n\s*(.+)", result.stdout)
    print(f"schemathesis as {who}: {summary.group(1) if summary else '?'} (seed {SEED})")
    assert result.returncode == 0, (
        f"Schemathesis found failures (see {report}):\n" + (result.stdout[-6000:])
    )
    assert re.search(r"Tested: (\d+)", result.stdout), result.stdout[-2000:]
