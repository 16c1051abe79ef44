"""Signed ticket codes: what a ticket's QR code says.

Layout: the text `QE1-` followed by unpadded base32 (upper case) of
    key id (1 byte) | event id (LEB128 varint) | ticket id (varint) | Ed25519 signature (64 bytes)
and the signature covers `QE1` + everything before it. Base32's alphabet fits the QR code's
alphanumeric mode (5.5 bits per character instead of 8), so a code of ~120 characters still
makes a QR code that phones read easily from a screen. No personal data is in it.

A forged or altered code is refused from the signature alone, before any database lookup, and
a scanner that holds only the public keys can verify codes offline. Keys rotate: every key
listed in TICKET_SIGNING_KEYS verifies, the first one signs new tickets, and each ticket keeps
the id of the key that signed it so its code never changes. PyNaCl does the cryptography; only
the byte layout is ours (no library packs a compact signed token for QR codes).
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from nacl.exceptions import BadSignatureError
from nacl.signing import SigningKey, VerifyKey

PREFIX = "QE1-"
_DOMAIN = b"QE1"
_SIGNATURE_BYTES = 64
_MAX_VARINT_BYTES = 9
MAX_CODE_LENGTH = 160  # a real code is about 120 characters; anything longer is not ours


@dataclass(frozen=True)
class TicketClaim:
    """What a valid code says: which ticket of which event, signed by which key."""

    key_id: int
    event_id: int
    ticket_id: int


@dataclass(frozen=True)
class SigningKeyring:
    active_key_id: int
    signing_keys: dict[int, SigningKey]

    def verify_key(self, key_id: int) -> VerifyKey | None:
        key = self.signing_keys.get(key_id)
        return key.verify_key if key else None


def _parse_keys(spec: str) -> SigningKeyring:
    keys: dict[int, SigningKey] = {}
    order: list[int] = []
    for item in spec.split(","):
        item = item.strip()
        if not item:
            continue
        key_id_text, _, seed_text = item.partition(":")
        key_id = int(key_id_text)
        if not 0 <= key_id <= 255:
            raise ValueError("ticket signing key ids are 0..255")
        seed = base64.b64decode(seed_text)
        if len(seed) != 32:
            raise ValueError("a ticket signing key is a 32-byte seed in base64")
        keys[key_id] = SigningKey(seed)
        order.append(key_id)
    if not order:
        raise ValueError("TICKET_SIGNING_KEYS holds no key")
    return SigningKeyring(active_key_id=order[0], signing_keys=keys)


@lru_cache(maxsize=1)
def keyring() -> SigningKeyring:
    return _parse_keys(settings.TICKET_SIGNING_KEYS)


@lru_cache(maxsize=4)
def _parse_public_keys(spec: str) -> dict[int, VerifyKey]:
    keys: dict[int, VerifyKey] = {}
    for item in spec.split(","):
        key_id_text, _, key_text = item.strip().partition(":")
        if not key_id_text:
            continue
        raw = base64.b64decode(key_text)
        if not 0 <= int(key_id_text) <= 255 or len(raw) != 32:
            raise ValueError("a ticket verify key is id:base64 of a 32-byte Ed25519 public key")
        keys[int(key_id_text)] = VerifyKey(raw)
    return keys


def verify_keys() -> dict[int, VerifyKey]:
    """The keys that verify codes: TICKET_VERIFY_KEYS (public keys only, a door node that
    mirrors an event and holds no private key) when set, else those of the signing keys."""
    if settings.TICKET_VERIFY_KEYS:
        return _parse_public_keys(settings.TICKET_VERIFY_KEYS)
    return {key_id: key.verify_key for key_id, key in keyring().signing_keys.items()}


def public_keys() -> list[tuple[int, str]]:
    """(key id, base64 Ed25519 public key) of every verifying key: the door kit's keys, so a
    scanner verifies codes offline."""
    return [
        (key_id, base64.b64encode(bytes(key)).decode())
        for key_id, key in sorted(verify_keys().items())
    ]


def public_keys_spec(keys: list[tuple[int, str]]) -> str:
    """The TICKET_VERIFY_KEYS text for these keys."""
    return ",".join(f"{key_id}:{key}" for key_id, key in keys)


def _varint(value: int) -> bytes:
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        if value:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def _read_varint(data: bytes, start: int) -> tuple[int, int] | None:
    value = 0
    for offset in range(_MAX_VARINT_BYTES):
        index = start + offset
        if index >= len(data):
            return None
        byte = data[index]
        value |= (byte & 0x7F) << (7 * offset)
        if not byte & 0x80:
            return value, index + 1
    return None


def ticket_code_for(*, event_id: int, ticket_id: int, key_id: int | None = None) -> str:
    """The code of a ticket. Ed25519 signatures are deterministic, so it is always the same."""
    ring = keyring()
    key_id = ring.active_key_id if key_id is None else key_id
    body = bytes([key_id]) + _varint(event_id) + _varint(ticket_id)
    signature = ring.signing_keys[key_id].sign(_DOMAIN + body).signature
    return PREFIX + base64.b32encode(body + signature).decode().rstrip("=")


def ticket_code_verify(code: object) -> TicketClaim | None:
    """The claim of a genuine code, or None for anything else. Never raises."""
    if not isinstance(code, str):
        return None
    # Handheld scanners may add whitespace or send lower case.
    code = code.strip().upper()
    if len(code) > MAX_CODE_LENGTH or not code.startswith(PREFIX):
        return None
    text = code[len(PREFIX) :]
    try:
        raw = base64.b32decode(text + "=" * (-len(text) % 8))
    except (binascii.Error, ValueError):
        return None
    if len(raw) < 3 + _SIGNATURE_BYTES:
        return None
    body, signature = raw[:-_SIGNATURE_BYTES], raw[-_SIGNATURE_BYTES:]
    verify_key = verify_keys().get(body[0])
    if verify_key is None:
        return None
    try:
        verify_key.verify(_DOMAIN + body, signature)
    except BadSignatureError:
        return None
    event = _read_varint(body, 1)
    if event is None:
        return None
    ticket = _read_varint(body, event[1])
    if ticket is None or ticket[1] != len(body) or event[0] < 1 or ticket[0] < 1:
        return None
    # Re-encoding must give the same text: refuses non-canonical spellings of one code.
    if base64.b32encode(raw).decode().rstrip("=") != text:
        return None
    return TicketClaim(key_id=body[0], event_id=event[0], ticket_id=ticket[0])
