"""The e-mail backend of `make run`: every message readable in the worker's console (its
headers and text, never MIME parts or base64), and kept whole under EMAIL_FILE_PATH: the
message as `message.eml` (opens in any mail program) and each attachment as its own file next
to it (a ticket's QR code is a PNG to open or scan from the screen)."""

from __future__ import annotations

import sys
import threading
from email.mime.base import MIMEBase
from pathlib import Path

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone

_lock = threading.Lock()


def _text_of(message) -> str:
    """The plain text a person reads (the body; an HTML-only message says so)."""
    return message.body or "(no plain-text part: open message.eml)"


def _save(message, folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "message.eml").write_bytes(message.message().as_bytes(linesep="\n"))
    saved = []
    for attachment in message.attachments:
        if isinstance(attachment, MIMEBase):
            continue  # a raw MIME part: it stays in message.eml
        name, content, _mimetype = attachment
        path = folder / Path(name or "attachment").name
        path.write_bytes(content if isinstance(content, bytes) else str(content).encode())
        saved.append(path)
    return saved


class ReadableConsoleBackend(BaseEmailBackend):
    def send_messages(self, email_messages) -> int:
        root = Path(settings.EMAIL_FILE_PATH)
        for number, message in enumerate(email_messages):
            stamp = timezone.now().strftime("%Y%m%d-%H%M%S-%f")
            folder = root / f"{stamp}-{number}"
            files = _save(message, folder)
            lines = [
                "-" * 72,
                f"From: {message.from_email}",
                f"To: {', '.join(message.to)}",
                f"Subject: {message.subject}",
                "",
                _text_of(message),
                "",
                f"(saved in {folder}/message.eml)",
                *(f"Attachment: {path}" for path in files),
                "-" * 72,
            ]
            with _lock:
                sys.stdout.write("\n".join(lines) + "\n")
                sys.stdout.flush()
        return len(email_messages)
