"""Offline verification time per ticket code in the browser.

The door scanner verifies codes with no server: parse the compact token, check its Ed25519
signature against the door kit's public key (frontend/src/features/scanner/offline/
ticket-code.ts, @noble/ed25519 with synchronous SHA-512, as the SPA ships it). This bundles
that very module with rolldown (the bundler Vite uses), loads it into headless Chromium
(/usr/bin/chromium, via Playwright), and times it over real codes signed the server's way
(PyNaCl, bookings/ticket_codes.py layout), plus forged ones (a changed signature character),
which must all be refused.

    .venv/bin/python bench/offline_verify.py --codes 2000 --batch 50

Reports the median and p95 time per code over batches (performance.now() is coarse in
browsers, so each sample is a batch divided by its size).
"""

import argparse
import base64
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from nacl.signing import SigningKey
from playwright.sync_api import sync_playwright

REPO = Path(__file__).resolve().parents[1]
FRONTEND = REPO / "frontend"
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def varint(value: int) -> bytes:
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        if value:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def make_codes(count: int, event_id: int = 4242) -> tuple[str, list[str]]:
    key = SigningKey(bytes(range(32)))
    codes = []
    for ticket_id in range(1, count + 1):
        body = bytes([1]) + varint(event_id) + varint(100_000 + ticket_id)
        signature = key.sign(b"QE1" + body).signature
        codes.append("QE1-" + base64.b32encode(body + signature).decode().rstrip("="))
    return base64.b64encode(bytes(key.verify_key)).decode(), codes


def forge(code: str) -> str:
    index = len(code) - 10
    return code[:index] + ("B" if code[index] != "B" else "C") + code[index + 1 :]


def bundle(out: Path) -> None:
    subprocess.run(
        [
            "npx",
            "--no-install",
            "rolldown",
            "src/features/scanner/offline/ticket-code.ts",
            "--format",
            "iife",
            "--name",
            "QEVerify",
            "--minify",
            "--file",
            str(out),
        ],
        cwd=FRONTEND,
        check=True,
        capture_output=True,
    )


TIMING = """([key, codes, forged, batch]) => {
  const raw = Uint8Array.from(atob(key), (c) => c.charCodeAt(0));
  const keys = new Map([[1, raw]]);
  const v = QEVerify.verifyTicketCode;
  for (const code of codes.slice(0, 50)) v(code, keys);  // warm-up (JIT)
  const samples = [];
  let accepted = 0;
  for (let i = 0; i < codes.length; i += batch) {
    const part = codes.slice(i, i + batch);
    const start = performance.now();
    for (const code of part) if (v(code, keys)) accepted++;
    samples.push((performance.now() - start) / part.length);
  }
  let refused = 0;
  for (const code of forged) if (!v(code, keys)) refused++;
  return { samples, accepted, refused, userAgent: navigator.userAgent };
}"""


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--codes", type=int, default=2000)
    parser.add_argument("--batch", type=int, default=50)
    args = parser.parse_args()

    key, codes = make_codes(args.codes)
    forged = [forge(code) for code in codes[:200]]
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "verify.js"
        bundle(script)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            page = browser.new_page()
            page.set_content("<!doctype html><title>verify</title>")
            page.add_script_tag(path=str(script))
            result = page.evaluate(TIMING, [key, codes, forged, args.batch])
            browser.close()
    samples = sorted(result["samples"])
    p95 = samples[int(len(samples) * 0.95) - 1] if len(samples) >= 20 else samples[-1]
    report = {
        "codes": len(codes),
        "batch": args.batch,
        "median_ms_per_code": round(statistics.median(samples), 3),
        "p95_ms_per_code": round(p95, 3),
        "codes_per_second": round(1000 / statistics.median(samples)),
        "accepted": result["accepted"],
        "forged_refused": f"{result['refused']}/{len(forged)}",
        "browser": result["userAgent"],
    }
    print(json.dumps(report, indent=2))
    ok = result["accepted"] == len(codes) and result["refused"] == len(forged)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
