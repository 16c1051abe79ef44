import { codeSha256, decideCode, type DecideInput } from '@/features/scanner/offline/decide';
import { decodePublicKey } from '@/features/scanner/offline/ticket-code';
import { REASON_TITLES } from '@/features/scanner/utils/reasons';

// A server-signed code (see ticket-code.test.ts): event 7, ticket 42.
const KEY_1 = 'A6EHv/POEL4dcN0Y50vAmWfk1jCbpQ1fHdyGZBJVMbg=';
const TICKET_42 =
  'QE1-AEDSUFYNKRKEQ7TH6MMB4S6TFR5TJN4XU3TDPFGXFVCNETSF26R6UMRKX3UBX36G6ECQJDPRDZSNCSUVSLVJWIOYOITIIVV6BZO2NBP3CEGQ';

function input(revoked: DecideInput['revoked'], status = 'valid'): DecideInput {
  const ticket = {
    id: 42,
    backupCode: 'K7M2QX9P',
    holderName: 'Gina Guest',
    status,
    checkedInAt: null,
    inside: false,
  };
  return {
    window: {
      eventId: 7,
      checkinOpensAt: '2099-06-12T18:00:00+02:00',
      endsAt: '2099-06-12T23:00:00+02:00',
      allowReentry: false,
    },
    keys: new Map([[1, decodePublicKey(KEY_1)!]]),
    direction: 'in',
    now: new Date('2099-06-12T20:30:00+02:00'),
    ticketById: (id) => (id === 42 ? ticket : undefined),
    ticketByBackupCode: (code) => (code === ticket.backupCode ? ticket : undefined),
    admissionOf: () => undefined,
    revoked,
  };
}

const none = { codes: new Set<string>(), backupCodes: new Set<string>() };

describe('revoked codes offline', () => {
  it('hashes a code as the server lists it: SHA-256 hex of its canonical text', () => {
    expect(codeSha256(` ${TICKET_42.toLowerCase()} `)).toBe(codeSha256(TICKET_42));
    expect(codeSha256(TICKET_42)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses a code the kit lists as revoked, even before its ticket row came', () => {
    const revoked = { codes: new Set([codeSha256(TICKET_42)]), backupCodes: new Set<string>() };
    expect(decideCode(TICKET_42, input(revoked))).toMatchObject({
      status: 'rejected',
      reason: 'revoked',
      method: 'qr',
    });
    expect(decideCode(TICKET_42, input(none)).status).toBe('accepted');
  });

  it('refuses a revoked backup code, typed in any spelling', () => {
    const revoked = { codes: new Set<string>(), backupCodes: new Set(['K7M2QX9P']) };
    expect(decideCode('k7m2-qx9p', input(revoked))).toMatchObject({
      status: 'rejected',
      reason: 'revoked',
      method: 'backup_code',
    });
  });

  it('refuses a ticket the kit marks revoked, by its code or backup code', () => {
    expect(decideCode(TICKET_42, input(none, 'revoked')).reason).toBe('revoked');
    expect(decideCode('K7M2QX9P', input(undefined, 'revoked')).reason).toBe('revoked');
  });

  it('tells the door in plain words', () => {
    expect(REASON_TITLES.revoked).toBe('Ticket transferred — old code');
  });
});
