"""QR images of ticket codes, drawn by segno."""

from __future__ import annotations

import io

import segno

# Medium error correction survives a scratched phone screen; a 4-module quiet zone is what
# scanners expect.
ERROR_CORRECTION = "m"
BORDER = 4


def qr_png(code: str, *, scale: int = 10) -> bytes:
    buffer = io.BytesIO()
    segno.make(code, error=ERROR_CORRECTION, micro=False).save(
        buffer, kind="png", scale=scale, border=BORDER
    )
    return buffer.getvalue()


def qr_svg(code: str) -> bytes:
    buffer = io.BytesIO()
    segno.make(code, error=ERROR_CORRECTION, micro=False).save(
        buffer,
        kind="svg",
        scale=10,
        border=BORDER,
        xmldecl=False,
        svgns=True,
        title="Ticket QR code",
    )
    return buffer.getvalue()
