"""Two commits side by side in one sitting: the check-in storm and the free flash sale of each,
run alternately (BASE, HEAD, HEAD, BASE, ...) so that the machine's noise falls on both, and
the database's own ceiling (db_ceiling.py) measured in the same sitting.

    .venv/bin/python bench/compare.py BASE HEAD [--runs 3] [--tickets 8000] [--capacity 2000]

Each commit is cloned clean (git clone of this repository, then checkout) into
var/compare/<sha>; the benchmarks themselves are this checkout's (bench/checkin_storm.py and
bench/flash_sale.py, pointed at the clone's backend by BENCH_BACKEND), so both commits face
the same load, prepared the same way. The commits must share the models the benchmarks
prepare (events, ticket types, bookings, tickets). Prints, per benchmark, both medians, HEAD /
BASE, each as a share of the ceiling, and both p99s; each run's JSON goes to
var/compare/runs.jsonl. Needs MariaDB (BENCH_DATABASE_URL), Redis and wrk, as the benchmarks
do.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BENCH = REPO / "bench"
WORK = REPO / "var" / "compare"


def clone(ref: str) -> tuple[str, Path]:
    sha = subprocess.run(
        ["git", "rev-parse", "--verify", f"{ref}^{{commit}}"],
        cwd=REPO,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    target = WORK / sha[:12]
    if not target.exists():
        subprocess.run(["git", "clone", "--quiet", str(REPO), str(target)], check=True)
        subprocess.run(["git", "checkout", "--quiet", sha], cwd=target, check=True)
    return sha[:12], target


def run_json(script: str, args: list[str], *, backend: Path | None) -> list[dict]:
    """One benchmark run; its JSON result lines."""
    env = {**os.environ}
    if backend is not None:
        env["BENCH_BACKEND"] = str(backend)
    done = subprocess.run(
        [sys.executable, str(BENCH / script), *args],
        cwd=BENCH,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]


def ceiling(runs: int) -> dict[str, float]:
    rows = run_json("db_ceiling.py", ["--runs", str(runs), "--processes", "4"], backend=None)
    by = {}
    for workload in ("check-in", "booking, one event"):
        by[workload] = statistics.median(r["per_s"] for r in rows if r["workload"] == workload)
    return by


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("base")
    parser.add_argument("head")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--tickets", type=int, default=8000)
    parser.add_argument("--capacity", type=int, default=2000)
    parser.add_argument("--ceiling-runs", type=int, default=3)
    args = parser.parse_args()
    WORK.mkdir(parents=True, exist_ok=True)
    commits = [clone(args.base), clone(args.head)]
    benchmarks = {
        "check-in storm (scans/s)": (
            "checkin_storm.py",
            ["--runs", "1", "--tickets", str(args.tickets)],
            "scans_per_s",
        ),
        "flash sale, free (confirmed/s)": (
            "flash_sale.py",
            ["--runs", "1", "--capacity", str(args.capacity)],
            "confirmed_per_s",
        ),
    }
    results: dict[tuple[str, str], list[dict]] = {}
    log = (WORK / "runs.jsonl").open("a")
    for run in range(args.runs):
        order = commits if run % 2 == 0 else commits[::-1]
        for name, (script, script_args, _key) in benchmarks.items():
            for sha, path in order:
                [row] = run_json(script, script_args, backend=path / "backend")
                if not row.get("ok"):
                    raise SystemExit(f"INCONSISTENT: {name} at {sha}: {row}")
                row |= {"commit": sha, "benchmark": name}
                log.write(json.dumps(row) + "\n")
                log.flush()
                results.setdefault((name, sha), []).append(row)
                print(f"run {run + 1}: {name} at {sha}: {row[_key]:.1f}", flush=True)
    limits = ceiling(args.ceiling_runs)
    shares = {
        "check-in storm (scans/s)": "check-in",
        "flash sale, free (confirmed/s)": "booking, one event",
    }
    (base, _), (head, _) = commits
    print(
        f"\nmedian of {args.runs}, alternating; ceiling (db_ceiling.py, 4 connections): "
        f"check-in {limits['check-in']:.0f}/s, booking {limits['booking, one event']:.0f}/s"
    )
    header = f"| benchmark | {base} | {head} | {head} / {base} | share of ceiling | p99 |"
    print(header)
    print("|---|---|---|---|---|---|")
    for name, (_script, _args, key) in benchmarks.items():
        b = statistics.median(r[key] for r in results[(name, base)])
        h = statistics.median(r[key] for r in results[(name, head)])
        pb = statistics.median(r["p99_ms"] for r in results[(name, base)])
        ph = statistics.median(r["p99_ms"] for r in results[(name, head)])
        top = limits[shares[name]]
        runs_b = ", ".join(f"{r[key]:.0f}" for r in results[(name, base)])
        runs_h = ", ".join(f"{r[key]:.0f}" for r in results[(name, head)])
        print(
            f"| {name} | {b:.1f} ({runs_b}) | {h:.1f} ({runs_h}) | {h / b:.3f} "
            f"| {b / top:.1%} / {h / top:.1%} | {pb:.0f} / {ph:.0f} ms |"
        )


if __name__ == "__main__":
    main()
