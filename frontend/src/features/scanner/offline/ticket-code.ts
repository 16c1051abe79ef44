/**
 * Ticket codes read and verified in the browser, so a door device holding only the event's
 * public keys can tell a genuine ticket from a forged one with no server at all.
 *
 * The layout is the server's (backend/bookings/ticket_codes.py): `QE1-` then unpadded upper
 * case base32 of `key id (1 byte) | event id (LEB128) | ticket id (LEB128) | Ed25519
 * signature (64 bytes)`, the signature covering `QE1` + the bytes before it. The checks are
 * the server's too, in the same order, so both sides refuse exactly the same codes.
 */
import * as ed from '@noble/ed25519';
import { sha512 } from '@noble/hashes/sha2.js';

// Synchronous SHA-512 from @noble/hashes: WebCrypto (crypto.subtle) exists only in secure
// contexts, and a door phone on a venue network may load the app over plain http.
ed.hashes.sha512 = sha512;

export const PREFIX = 'QE1-';
const DOMAIN = new TextEncoder().encode('QE1');
const SIGNATURE_BYTES = 64;
const MAX_VARINT_BYTES = 9;
/** A real code is about 120 characters; anything longer is not ours. */
export const MAX_CODE_LENGTH = 160;
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** What a genuine code says. */
export interface TicketClaim {
  keyId: number;
  eventId: number;
  ticketId: number;
}

/** The parts of a well-formed code, before its signature is checked. */
export interface ParsedCode extends TicketClaim {
  signed: Uint8Array;
  signature: Uint8Array;
}

/** Public keys of the door kit by key id, as raw 32-byte Ed25519 keys. */
export type Keyring = ReadonlyMap<number, Uint8Array>;

function base32Decode(text: string): Uint8Array | null {
  // Unpadded base32: 8 characters carry 5 bytes; these remainders never occur.
  if ([1, 3, 6].includes(text.length % 8)) return null;
  const out = new Uint8Array(Math.floor((text.length * 5) / 8));
  let buffer = 0;
  let bits = 0;
  let index = 0;
  for (const char of text) {
    const value = BASE32.indexOf(char);
    if (value < 0) return null;
    buffer = ((buffer << 5) | value) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out[index++] = (buffer >> bits) & 0xff;
    }
  }
  // Canonical spelling only: the bits left over must be zero (as re-encoding would give).
  if (bits > 0 && (buffer & ((1 << bits) - 1)) !== 0) return null;
  return out;
}

function readVarint(data: Uint8Array, start: number): [value: number, next: number] | null {
  let value = 0;
  for (let offset = 0; offset < MAX_VARINT_BYTES; offset++) {
    const byte = data[start + offset];
    if (byte === undefined) return null;
    value += (byte & 0x7f) * 2 ** (7 * offset);
    if ((byte & 0x80) === 0) return [value, start + offset + 1];
  }
  return null;
}

/** Handheld scanners may add whitespace or send lower case. */
export function normalizeCode(code: string): string {
  return code.trim().toUpperCase();
}

/** Whether the text looks like a signed code (else it may be a backup code). */
export function looksLikeTicketCode(code: string): boolean {
  return normalizeCode(code).startsWith(PREFIX);
}

/** The parts of a well-formed code, or null. Says nothing yet about the signature. */
export function parseTicketCode(raw: string): ParsedCode | null {
  const code = normalizeCode(raw);
  if (code.length > MAX_CODE_LENGTH || !code.startsWith(PREFIX)) return null;
  const bytes = base32Decode(code.slice(PREFIX.length));
  if (!bytes || bytes.length < 3 + SIGNATURE_BYTES) return null;
  const body = bytes.subarray(0, bytes.length - SIGNATURE_BYTES);
  const signature = bytes.subarray(bytes.length - SIGNATURE_BYTES);
  const event = readVarint(body, 1);
  if (!event) return null;
  const ticket = readVarint(body, event[1]);
  if (!ticket || ticket[1] !== body.length || event[0] < 1 || ticket[0] < 1) return null;
  const signed = new Uint8Array(DOMAIN.length + body.length);
  signed.set(DOMAIN);
  signed.set(body, DOMAIN.length);
  return { keyId: body[0] ?? 0, eventId: event[0], ticketId: ticket[0], signed, signature };
}

/** The claim of a genuine code (signed by one of `keys`), or null. Never throws. */
export function verifyTicketCode(raw: string, keys: Keyring): TicketClaim | null {
  const parsed = parseTicketCode(raw);
  if (!parsed) return null;
  const key = keys.get(parsed.keyId);
  if (!key) return null;
  try {
    // Strict RFC 8032 checks (not ZIP-215), as libsodium on the server does.
    if (!ed.verify(parsed.signature, parsed.signed, key, { zip215: false })) return null;
  } catch {
    return null;
  }
  return { keyId: parsed.keyId, eventId: parsed.eventId, ticketId: parsed.ticketId };
}

/** A door kit's public key (standard base64, 32 bytes) as raw bytes, or null. */
export function decodePublicKey(base64: string): Uint8Array | null {
  try {
    const binary = atob(base64);
    if (binary.length !== 32) return null;
    return Uint8Array.from(binary, (char) => char.charCodeAt(0));
  } catch {
    return null;
  }
}
