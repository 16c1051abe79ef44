import {
  admissionAfter,
  decideCode,
  decideTicket,
  type DecideInput,
  type DeviceAdmission,
  type LocalTicket,
  type OfflineReason,
} from '@/features/scanner/offline/decide';
import { decodePublicKey } from '@/features/scanner/offline/ticket-code';
import type { RejectReason } from '@/types/api';

// Server-signed codes (see ticket-code.test.ts): event 7 tickets 42 and 300, event 8 ticket 42.
const KEY_1 = 'A6EHv/POEL4dcN0Y50vAmWfk1jCbpQ1fHdyGZBJVMbg=';
const TICKET_42 =
  'QE1-AEDSUFYNKRKEQ7TH6MMB4S6TFR5TJN4XU3TDPFGXFVCNETSF26R6UMRKX3UBX36G6ECQJDPRDZSNCSUVSLVJWIOYOITIIVV6BZO2NBP3CEGQ';
const TICKET_300 =
  'QE1-AED2YATI2PEW2Z2DP73QPOGCHH7JIAMU4HCRDNVQIRTNWEM7SBM3Y67RIIPJIPV6C6DF6PTMU365OCEHSWHYKSSKQKCDK4XR44PV5DQQ4P5AU';
const EVENT_8_TICKET_42 =
  'QE1-AEECVDWLTCSO4ECP7DV5JAF2KQ5BHHSFJIEKB52T5NNB7G7UYUEMW7NTMS6JEUC62QC4GOAWJMW7FCH37GWBTQ5ZTI3SFDVH32CXOOET4YEA';

function ticket(overrides: Partial<LocalTicket> = {}): LocalTicket {
  return {
    id: 42,
    backupCode: 'K7M2QX9P',
    holderName: 'Gina Guest',
    status: 'valid',
    checkedInAt: null,
    inside: false,
    ...overrides,
  };
}

function input({
  tickets = [ticket()],
  admissions = [],
  allowReentry = false,
  direction = 'in',
  now = '2099-06-12T20:30:00+02:00',
}: {
  tickets?: LocalTicket[];
  admissions?: DeviceAdmission[];
  allowReentry?: boolean;
  direction?: 'in' | 'out';
  now?: string;
} = {}): DecideInput {
  return {
    window: {
      eventId: 7,
      checkinOpensAt: '2099-06-12T18:00:00+02:00',
      endsAt: '2099-06-12T23:00:00+02:00',
      allowReentry,
    },
    keys: new Map([[1, decodePublicKey(KEY_1)!]]),
    direction,
    now: new Date(now),
    ticketById: (id) => tickets.find((t) => t.id === id),
    ticketByBackupCode: (code) => tickets.find((t) => t.backupCode === code),
    admissionOf: (id) => admissions.find((a) => a.ticketId === id),
  };
}

describe('decideCode', () => {
  it('admits a genuine code of a valid ticket in the copy, naming its holder', () => {
    const decision = decideCode(TICKET_42, input());
    expect(decision).toMatchObject({ status: 'accepted', method: 'qr', reason: null });
    expect(decision.ticket?.holderName).toBe('Gina Guest');
  });

  it('refuses a forged code from the signature alone', () => {
    const forged = TICKET_42.slice(0, -3) + (TICKET_42.endsWith('AAA') ? 'BBB' : 'AAA');
    expect(decideCode(forged, input())).toMatchObject({ status: 'rejected', reason: 'fake' });
    expect(decideCode('QE1-NOTAREALTICKET', input())).toMatchObject({ reason: 'fake' });
  });

  it('names the other event of a genuine code of another event', () => {
    expect(decideCode(EVENT_8_TICKET_42, input())).toMatchObject({
      status: 'rejected',
      reason: 'wrong_event',
      otherEventId: 8,
    });
  });

  it('admits a genuine code issued after the last kit update (sync has the last word)', () => {
    const decision = decideCode(TICKET_300, input());
    expect(decision).toMatchObject({ status: 'accepted', ticket: { id: 300, holderName: '' } });
  });

  it('finds a typed backup code, in any case and with spaces or dashes', () => {
    expect(decideCode('k7m2-qx9p', input())).toMatchObject({
      status: 'accepted',
      method: 'backup_code',
      ticket: { id: 42 },
    });
    expect(decideCode('ZZZZZZZZ', input())).toMatchObject({ status: 'rejected', reason: 'fake' });
  });

  it('refuses a ticket revoked in the copy', () => {
    const decision = decideCode(TICKET_42, input({ tickets: [ticket({ status: 'cancelled' })] }));
    expect(decision).toMatchObject({ status: 'rejected', reason: 'cancelled' });
  });

  it('refuses before check-in opens and after the event', () => {
    expect(decideCode(TICKET_42, input({ now: '2099-06-12T17:59:00+02:00' })).reason).toBe(
      'not_started',
    );
    expect(decideCode(TICKET_42, input({ now: '2099-06-12T23:01:00+02:00' })).reason).toBe(
      'expired',
    );
  });
});

describe('never the same ticket twice', () => {
  it('refuses a ticket this device admitted, saying when and at which gate', () => {
    const admissions = [admissionAfter(undefined, 42, 'in', 'North', '2099-06-12T20:01:00Z')];
    expect(decideCode(TICKET_42, input({ admissions }))).toMatchObject({
      status: 'rejected',
      reason: 'duplicate',
      firstCheckedInAt: '2099-06-12T20:01:00Z',
      firstGate: 'North',
    });
  });

  it('refuses a ticket the server had admitted at the last kit update', () => {
    const tickets = [ticket({ checkedInAt: '2099-06-12T19:00:00Z' })];
    expect(decideCode(TICKET_42, input({ tickets }))).toMatchObject({
      reason: 'duplicate',
      firstCheckedInAt: '2099-06-12T19:00:00Z',
    });
  });

  it('lets a ticket out and back in when the event allows re-entry, and not twice in', () => {
    let admissions: DeviceAdmission[] = [
      admissionAfter(undefined, 42, 'in', 'North', '2099-06-12T20:01:00Z'),
    ];
    expect(decideCode(TICKET_42, input({ admissions, allowReentry: true })).reason).toBe(
      'duplicate',
    );
    const out = decideCode(TICKET_42, input({ admissions, allowReentry: true, direction: 'out' }));
    expect(out.status).toBe('accepted');
    admissions = [admissionAfter(admissions[0], 42, 'out', 'North', '2099-06-12T21:00:00Z')];
    expect(admissions[0]).toMatchObject({ firstAt: '2099-06-12T20:01:00Z', inside: false });
    expect(decideCode(TICKET_42, input({ admissions, allowReentry: true })).status).toBe(
      'accepted',
    );
  });

  it('refuses an exit of a ticket not inside, and any exit without re-entry', () => {
    expect(decideCode(TICKET_42, input({ allowReentry: true, direction: 'out' })).reason).toBe(
      'not_inside',
    );
    const admissions = [admissionAfter(undefined, 42, 'in', 'North', '2099-06-12T20:01:00Z')];
    expect(decideCode(TICKET_42, input({ admissions, direction: 'out' })).reason).toBe(
      'not_inside',
    );
  });

  it('trusts the server inside flag of a re-entry ticket it has not scanned itself', () => {
    const outside = [ticket({ checkedInAt: '2099-06-12T19:00:00Z', inside: false })];
    expect(decideCode(TICKET_42, input({ tickets: outside, allowReentry: true })).status).toBe(
      'accepted',
    );
    const inside = [ticket({ checkedInAt: '2099-06-12T19:00:00Z', inside: true })];
    expect(decideCode(TICKET_42, input({ tickets: inside, allowReentry: true })).reason).toBe(
      'duplicate',
    );
  });

  it('decides a ticket found by search like a scanned one', () => {
    expect(decideTicket(ticket(), 'manual', input())).toMatchObject({
      status: 'accepted',
      method: 'manual',
    });
  });
});

describe('OfflineReason', () => {
  it('is every reason of the server but the one only sync can know', () => {
    expectTypeOf<OfflineReason>().toEqualTypeOf<Exclude<RejectReason, 'offline_conflict'>>();
  });
});
