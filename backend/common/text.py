"""Text that people type and that ends up where a line break means something else: e-mail
headers, a ticket's printed name. One definition of "one line" for the whole app."""

from __future__ import annotations

import re
import unicodedata

# Control characters (CR, LF, TAB, ESC, DEL...) and the Unicode line and paragraph
# separators: each can end a header line or a printed line.
_BREAKING = frozenset(("Cc", "Zl", "Zp"))
# What a mail client may turn into a link: a URL with a scheme, `www.`, an address, or a
# bare host name ending in a word of letters (`bank.example/verify`).
_LINK = re.compile(
    r"(?i)\b[a-z][a-z0-9+.-]*://\S*|\bwww\.\S*|\S+@\S+|\b(?:[a-z0-9-]+\.)+[a-z]{2,}(?:/\S*)?"
)
SUBJECT_TITLE_LIMIT = 60
SUBJECT_LIMIT = 150


def has_line_breaking(text: str) -> bool:
    """Whether `text` holds a control character or a line or paragraph separator."""
    return any(unicodedata.category(char) in _BREAKING for char in text)


def one_line(text: str, *, limit: int = SUBJECT_LIMIT) -> str:
    """`text` on one line: each control character or separator a space, runs of spaces one,
    at most `limit` characters (an ellipsis marks a cut). For e-mail subjects: Django
    refuses a header with a line break in it (header injection) and the e-mail is lost."""
    spaced = "".join(" " if unicodedata.category(c) in _BREAKING else c for c in text)
    collapsed = " ".join(spaced.split())
    if len(collapsed) <= limit:
        return collapsed
    return collapsed[: limit - 1].rstrip() + "\u2026"


def subject_title(title: str) -> str:
    """An organizer's event title as it may appear in a subject we send in their name: one
    line, no links, short. Nothing else an organizer writes goes into a subject."""
    return one_line(_LINK.sub(" ", title), limit=SUBJECT_TITLE_LIMIT) or "your event"
