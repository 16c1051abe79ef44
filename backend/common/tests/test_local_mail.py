"""`make run`'s e-mail: readable in the console (no MIME, no base64 dumps) and kept as files,
each ticket's QR code a PNG of its own."""

import importlib
from pathlib import Path

import pytest

from bookings.tests.payment_helpers import book
from common.outbox import outbox_drain
from events.tests.factories import EventFactory

pytestmark = pytest.mark.django_db


def test_make_runs_mail_is_readable_and_qr_codes_are_files(
    attendee_client, settings, tmp_path, capsys
):
    local = importlib.import_module("config.settings.local")
    settings.EMAIL_BACKEND = local.EMAIL_BACKEND
    settings.EMAIL_FILE_PATH = str(tmp_path)
    event = EventFactory(title="Jazz Night")
    assert book(attendee_client, event, quantity=2).status_code == 201
    outbox_drain()
    printed = capsys.readouterr().out
    assert "Subject: Your tickets for Jazz Night" in printed
    assert "backup code" in printed
    assert "base64" not in printed and "iVBORw0KGgo" not in printed  # no PNG dumped as text
    pngs = [
        Path(line.split("Attachment: ", 1)[1])
        for line in printed.splitlines()
        if line.startswith("Attachment: ")
    ]
    assert len(pngs) == 2
    assert all(path.read_bytes().startswith(b"\x89PNG") for path in pngs)
    assert list(tmp_path.glob("*/message.eml"))
