import {
  decodePublicKey,
  looksLikeTicketCode,
  parseTicketCode,
  verifyTicketCode,
  type Keyring,
} from '@/features/scanner/offline/ticket-code';

// Signed by the server's own code (PyNaCl, backend/bookings/ticket_codes.py) with fixed seeds:
// the browser must accept exactly what the server issues.
const KEY_1 = 'A6EHv/POEL4dcN0Y50vAmWfk1jCbpQ1fHdyGZBJVMbg=';
const KEY_2 = 'Kay64UG8yvCyLhqU000LxzYeUm0L/hLIl5S8kyKWbdc=';
const EVENT_7_TICKET_42 =
  'QE1-AEDSUFYNKRKEQ7TH6MMB4S6TFR5TJN4XU3TDPFGXFVCNETSF26R6UMRKX3UBX36G6ECQJDPRDZSNCSUVSLVJWIOYOITIIVV6BZO2NBP3CEGQ';
const EVENT_7_TICKET_300 =
  'QE1-AED2YATI2PEW2Z2DP73QPOGCHH7JIAMU4HCRDNVQIRTNWEM7SBM3Y67RIIPJIPV6C6DF6PTMU365OCEHSWHYKSSKQKCDK4XR44PV5DQQ4P5AU';
const KEY_2_EVENT_8_TICKET_42 =
  'QE1-AIECV2YFPOHIGUKC7VFZHL6UFPLM6D4LNCCLSOT2FYNIUA34WFNUBOODVLBMCTLIUGGIMGIPJFW5GLM3I6HXDHPNKX5LAH3RR6HDSTGZNYCA';

/** Test-side encoder of the layout, to build codes that are well formed but not genuine. */
function encodeCode(bytes: number[]): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const byte of bytes) bits += byte.toString(2).padStart(8, '0');
  bits = bits.padEnd(Math.ceil(bits.length / 5) * 5, '0');
  let text = 'QE1-';
  for (let i = 0; i < bits.length; i += 5)
    text += alphabet.charAt(parseInt(bits.slice(i, i + 5), 2));
  return text;
}

function keyring(...entries: [number, string][]): Keyring {
  return new Map(entries.map(([id, key]) => [id, decodePublicKey(key)!]));
}

describe('verifyTicketCode', () => {
  const keys = keyring([1, KEY_1], [2, KEY_2]);

  it('reads the event and ticket of codes the server signed, with any of its keys', () => {
    expect(verifyTicketCode(EVENT_7_TICKET_42, keys)).toEqual({
      keyId: 1,
      eventId: 7,
      ticketId: 42,
    });
    // 300 takes two varint bytes.
    expect(verifyTicketCode(EVENT_7_TICKET_300, keys)?.ticketId).toBe(300);
    expect(verifyTicketCode(KEY_2_EVENT_8_TICKET_42, keys)).toEqual({
      keyId: 2,
      eventId: 8,
      ticketId: 42,
    });
  });

  it('accepts what handheld scanners send: lower case and surrounding whitespace', () => {
    expect(verifyTicketCode(`  ${EVENT_7_TICKET_42.toLowerCase()}\n`, keys)?.ticketId).toBe(42);
  });

  it('refuses a code whose key this device does not hold', () => {
    expect(verifyTicketCode(KEY_2_EVENT_8_TICKET_42, keyring([1, KEY_1]))).toBeNull();
  });

  it('refuses any altered character', () => {
    // Change one character in the body (the ticket id) and one in the signature.
    for (const index of [10, 60, EVENT_7_TICKET_42.length - 5]) {
      const char = EVENT_7_TICKET_42[index] === 'A' ? 'B' : 'A';
      const altered = EVENT_7_TICKET_42.slice(0, index) + char + EVENT_7_TICKET_42.slice(index + 1);
      expect(verifyTicketCode(altered, keys)).toBeNull();
    }
  });

  it('refuses a genuine signature carried over to another ticket id', () => {
    const { signature } = parseTicketCode(EVENT_7_TICKET_42)!;
    // Key 1, event 7, ticket 43, with ticket 42's signature: well formed, not genuine.
    const forged = encodeCode([1, 7, 43, ...signature]);
    expect(parseTicketCode(forged)).toMatchObject({ eventId: 7, ticketId: 43 });
    expect(verifyTicketCode(forged, keys)).toBeNull();
    expect(verifyTicketCode(encodeCode([1, 7, 42, ...signature]), keys)?.ticketId).toBe(42);
  });

  it.each([
    ['empty', ''],
    ['no prefix', EVENT_7_TICKET_42.slice(4)],
    ['another version', EVENT_7_TICKET_42.replace('QE1-', 'QE2-')],
    ['not base32', 'QE1-NOTAREALTICKET!'],
    ['too short', 'QE1-AEDSUFYN'],
    ['truncated', EVENT_7_TICKET_42.slice(0, -2)],
    ['padded', `${EVENT_7_TICKET_42}====`],
    ['far too long', `QE1-${'A'.repeat(200)}`],
  ])('refuses a malformed code (%s) without throwing', (_label, code) => {
    expect(verifyTicketCode(code, keys)).toBeNull();
  });

  it('refuses a non-canonical spelling of a genuine code (spare bits set)', () => {
    // 102 bytes -> 164 characters of 5 bits = 820 bits, 4 spare bits in the last character.
    const last = EVENT_7_TICKET_42.at(-1)!;
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
    const spare = alphabet[alphabet.indexOf(last) + 1]!;
    expect(verifyTicketCode(EVENT_7_TICKET_42.slice(0, -1) + spare, keys)).toBeNull();
  });
});

describe('helpers', () => {
  it('tells signed codes from backup codes', () => {
    expect(looksLikeTicketCode(EVENT_7_TICKET_42.toLowerCase())).toBe(true);
    expect(looksLikeTicketCode('K7M2QX9P')).toBe(false);
  });

  it('decodes only 32-byte base64 keys', () => {
    expect(decodePublicKey(KEY_1)).toHaveLength(32);
    expect(decodePublicKey('AAAA')).toBeNull();
    expect(decodePublicKey('not base64!')).toBeNull();
  });
});
