import {
  clearKits,
  closeDoorDb,
  DOOR_DB_NAME,
  getAdmission,
  getKit,
  getTicket,
  getTicketByBackupCode,
  listPending,
  listSynced,
  markSynced,
  recordAdmission,
  saveKitUpdate,
  searchTickets,
  type KitRecord,
  type PendingScan,
} from '@/features/scanner/offline/door-db';
import type { LocalTicket } from '@/features/scanner/offline/decide';

const KIT: Omit<KitRecord, 'ticketCount'> = {
  eventId: 7,
  event: {
    id: 7,
    title: 'Night Jazz',
    venue: 'Blue Hall',
    status: 'published',
    timezone: 'Europe/Berlin',
    starts_at: '2099-06-12T20:00:00+02:00',
    ends_at: '2099-06-12T23:00:00+02:00',
    checkin_opens_at: '2099-06-12T18:00:00+02:00',
    capacity: 100,
    allow_reentry: false,
  },
  title: 'Night Jazz',
  window: {
    eventId: 7,
    checkinOpensAt: '2099-06-12T18:00:00+02:00',
    endsAt: '2099-06-12T23:00:00+02:00',
    allowReentry: false,
  },
  keys: [{ id: 1, key: 'A6EHv/POEL4dcN0Y50vAmWfk1jCbpQ1fHdyGZBJVMbg=' }],
  cursor: 'c1',
  updatedAt: '2099-06-12T19:00:00Z',
  clockOffsetMs: 0,
};

function ticket(id: number, overrides: Partial<LocalTicket> = {}): LocalTicket {
  return {
    id,
    backupCode: `CODE${String(id).padStart(4, '0')}`,
    holderName: `Guest ${String(id)}`,
    status: 'valid',
    checkedInAt: null,
    inside: false,
    ...overrides,
  };
}

function pending(id: string, overrides: Partial<PendingScan> = {}): PendingScan {
  return {
    clientScanId: id,
    eventId: 7,
    code: null,
    ticketId: 1,
    holderName: 'Guest 1',
    gate: 'North',
    direction: 'in',
    scannedAt: '2099-06-12T20:00:00Z',
    ...overrides,
  };
}

async function deleteDb() {
  await closeDoorDb();
  await new Promise<void>((resolve) => {
    const request = indexedDB.deleteDatabase(DOOR_DB_NAME);
    request.onsuccess = () => {
      resolve();
    };
  });
}

describe('door database', () => {
  beforeEach(deleteDb);

  it('stores a full kit, then applies an update by cursor (changes and revocations)', async () => {
    await saveKitUpdate(KIT, [ticket(1), ticket(2), ticket(3)], { replace: true });
    const updated = await saveKitUpdate(
      { ...KIT, cursor: 'c2' },
      [ticket(2, { status: 'cancelled' }), ticket(4)],
      { replace: false },
    );
    expect(updated).toMatchObject({ cursor: 'c2', ticketCount: 4 });
    expect((await getKit(7))?.cursor).toBe('c2');
    expect((await getTicket(7, 2))?.status).toBe('cancelled');
    expect((await getTicketByBackupCode(7, 'CODE0004'))?.id).toBe(4);
    expect(await getTicketByBackupCode(8, 'CODE0004')).toBeUndefined();

    // A full download replaces the copy: tickets gone from the server are gone here.
    const replaced = await saveKitUpdate({ ...KIT, cursor: 'c3' }, [ticket(9)], { replace: true });
    expect(replaced.ticketCount).toBe(1);
    expect(await getTicket(7, 1)).toBeUndefined();
  });

  it('searches the copy by name or exact backup code', async () => {
    await saveKitUpdate(KIT, [ticket(1, { holderName: 'Gina Guest' }), ticket(2)], {
      replace: true,
    });
    expect((await searchTickets(7, 'gina', 10)).map((t) => t.id)).toEqual([1]);
    expect((await searchTickets(7, 'code-0002', 10)).map((t) => t.id)).toEqual([2]);
    expect(await searchTickets(7, '  ', 10)).toEqual([]);
  });

  it('keeps admissions and the offline queue until sync has them, across a reopen', async () => {
    await recordAdmission(
      {
        eventId: 7,
        ticketId: 1,
        firstAt: '2099-06-12T20:00:00Z',
        firstGate: 'North',
        inside: true,
      },
      pending('a'),
    );
    await recordAdmission(
      {
        eventId: 7,
        ticketId: 2,
        firstAt: '2099-06-12T19:59:00Z',
        firstGate: 'North',
        inside: true,
      },
      pending('b', { ticketId: 2, scannedAt: '2099-06-12T19:59:00Z' }),
    );
    await closeDoorDb(); // as after a reload
    expect((await listPending(7)).map((scan) => scan.clientScanId)).toEqual(['b', 'a']);
    expect((await getAdmission(7, 1))?.firstGate).toBe('North');

    await markSynced([
      {
        ...pending('a'),
        outcome: 'offline_conflict',
        detail: 'x',
        syncedAt: '2099-06-12T21:00:00Z',
      },
    ]);
    expect((await listPending(7)).map((scan) => scan.clientScanId)).toEqual(['b']);
    expect((await listSynced(7))[0]?.outcome).toBe('offline_conflict');
  });

  it('forgets names on sign-out but keeps unsynced scans and what this device admitted', async () => {
    await saveKitUpdate(KIT, [ticket(1)], { replace: true });
    await recordAdmission(
      {
        eventId: 7,
        ticketId: 1,
        firstAt: '2099-06-12T20:00:00Z',
        firstGate: 'North',
        inside: true,
      },
      pending('a'),
    );
    await clearKits();
    expect(await getKit(7)).toBeUndefined();
    expect(await getTicket(7, 1)).toBeUndefined();
    expect(await listPending(7)).toHaveLength(1);
    expect(await getAdmission(7, 1)).toBeDefined();
  });
});
