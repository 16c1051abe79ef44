import {
  admissionAfter,
  decideTicket,
  type DecideInput,
  type DeviceAdmission,
  type DoorList,
  type LocalTicket,
} from '@/features/scanner/offline/decide';

const GENERAL = 1;
const VIP = 2;
const ENTRY: DoorList = { id: 10, name: 'Entry', isDefault: true, ticketTypes: [] };
const LOUNGE: DoorList = { id: 11, name: 'VIP lounge', isDefault: false, ticketTypes: [VIP] };

function ticket(overrides: Partial<LocalTicket> = {}): LocalTicket {
  return {
    id: 42,
    backupCode: 'K7M2QX9P',
    holderName: 'Gina Guest',
    status: 'valid',
    checkedInAt: null,
    inside: false,
    ticketTypeId: VIP,
    lists: [],
    ...overrides,
  };
}

function input(
  list: DoorList | null,
  {
    admissions = [],
    direction = 'in',
  }: { admissions?: DeviceAdmission[]; direction?: 'in' | 'out' } = {},
): DecideInput {
  return {
    window: {
      eventId: 7,
      checkinOpensAt: '2099-06-12T18:00:00+02:00',
      endsAt: '2099-06-12T23:00:00+02:00',
      allowReentry: false,
    },
    keys: new Map(),
    direction,
    now: new Date('2099-06-12T20:30:00+02:00'),
    ticketById: () => undefined,
    ticketByBackupCode: () => undefined,
    admissionOf: (id) => admissions.find((a) => a.ticketId === id),
    list,
  };
}

describe('deciding on a check-in list offline', () => {
  it('refuses a ticket whose type is not on the list as wrong_list', () => {
    const general = ticket({ ticketTypeId: GENERAL });
    expect(decideTicket(general, 'qr', input(LOUNGE))).toMatchObject({
      status: 'rejected',
      reason: 'wrong_list',
    });
    // Entry admits every type.
    expect(decideTicket(general, 'qr', input(ENTRY))).toMatchObject({ status: 'accepted' });
  });

  it('admits a VIP once per list, whatever Entry says', () => {
    const admittedAtEntry = ticket({ checkedInAt: '2099-06-12T20:00:00+02:00', inside: true });
    expect(decideTicket(admittedAtEntry, 'qr', input(LOUNGE))).toMatchObject({
      status: 'accepted',
    });
    expect(decideTicket(admittedAtEntry, 'qr', input(null))).toMatchObject({
      reason: 'duplicate',
    });
    // Admitted on the lounge by the server (kit) or by this device: a duplicate there.
    expect(decideTicket(ticket({ lists: [LOUNGE.id] }), 'qr', input(LOUNGE))).toMatchObject({
      reason: 'duplicate',
    });
    const mine = admissionAfter(undefined, 42, 'in', 'Lounge', '2099-06-12T20:31:00Z', LOUNGE);
    expect(mine).toMatchObject({ firstAt: null, lists: [LOUNGE.id] });
    expect(decideTicket(ticket(), 'qr', input(LOUNGE, { admissions: [mine] }))).toMatchObject({
      reason: 'duplicate',
    });
  });

  it('keeps Entry apart from a device record of another list', () => {
    const mine = admissionAfter(undefined, 42, 'in', 'Lounge', '2099-06-12T20:31:00Z', LOUNGE);
    // Admitted at the lounge only: Entry still admits it, and then remembers both.
    expect(decideTicket(ticket(), 'qr', input(null, { admissions: [mine] }))).toMatchObject({
      status: 'accepted',
    });
    const both = admissionAfter(mine, 42, 'in', 'North', '2099-06-12T20:40:00Z', null);
    expect(both).toMatchObject({ firstAt: '2099-06-12T20:40:00Z', lists: [LOUNGE.id] });
    expect(decideTicket(ticket(), 'qr', input(LOUNGE, { admissions: [both] }))).toMatchObject({
      reason: 'duplicate',
    });
  });

  it('treats going out as leaving the venue (Entry), on any list', () => {
    const decision = decideTicket(ticket(), 'qr', input(LOUNGE, { direction: 'out' }));
    expect(decision).toMatchObject({ status: 'rejected', reason: 'not_inside' });
  });
});
