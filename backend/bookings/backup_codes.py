"""Backup codes: 8 characters printed under a ticket's QR code, for a door that cannot read
the QR (a cracked screen, a dead camera) or a phone call ("what does your ticket say?").

The alphabet leaves out 0/O, 1/I/L and U, which people mix up when reading aloud or typing:
30 symbols, so 8 of them make 6.6e11 codes, unique per event by a database constraint.
Typed input is forgiving: case, spaces and dashes do not matter. (No library does exactly
this; `secrets` gives the randomness.)
"""

from __future__ import annotations

import secrets

ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"  # no 0 O 1 I L U
LENGTH = 8


def backup_code_new() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def backup_code_normalize(text: str) -> str | None:
    """The canonical code for what someone typed, or None if it cannot be one."""
    cleaned = "".join(text.split()).replace("-", "").upper()
    if len(cleaned) != LENGTH or any(char not in ALPHABET for char in cleaned):
        return None
    return cleaned


def backup_code_grouped(code: str) -> str:
    """The code as people read it: two groups of four ("7KQM-R2XD"); typed either way."""
    return f"{code[:4]}-{code[4:]}"
