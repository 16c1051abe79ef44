import { SYNC_BATCH_SIZE } from '@/features/scanner/api/sync-scans';
import { refreshKit, uploadPending } from '@/features/scanner/offline/door-sync';
import type { SyncRequest } from '@/types/api';
import { doorKitTicket, fakeDoorPorts, makeDoorKit } from '@/testing/door-fakes';
import { makeCounters } from '@/testing/test-utils';

function pendingScans(ports: ReturnType<typeof fakeDoorPorts>, count: number) {
  for (let index = 0; index < count; index++) {
    const id = `scan-${String(index).padStart(3, '0')}`;
    ports.store.outbox.set(id, {
      clientScanId: id,
      eventId: 7,
      code: null,
      ticketId: index + 1,
      holderName: '',
      gate: 'Main',
      direction: 'in',
      scannedAt: new Date(Date.UTC(2099, 5, 12, 18, 0, index)).toISOString(),
    });
  }
}

function answerAll(request: SyncRequest) {
  return Promise.resolve({
    event: request.event,
    device_id: request.device_id,
    counters: makeCounters({ checked_in: request.scans.length }),
    results: request.scans.map((scan) => ({
      client_scan_id: scan.client_scan_id,
      outcome: 'accepted' as const,
      reason: null,
      scan_id: 1,
      direction: scan.direction,
      scanned_at: scan.scanned_at,
      ticket: null,
    })),
  });
}

describe('uploadPending', () => {
  it('sends the outbox oldest first, in batches the server takes, with this device id', async () => {
    const ports = fakeDoorPorts();
    pendingScans(ports, SYNC_BATCH_SIZE + 20);
    ports.api.sync.mockImplementation(answerAll);

    const upload = await uploadPending(7, ports);

    expect(ports.api.sync.mock.calls.map(([request]) => request.scans.length)).toEqual([
      SYNC_BATCH_SIZE,
      20,
    ]);
    const [first] = ports.api.sync.mock.calls[0]!;
    expect(first).toMatchObject({ event: 7, device_id: 'device-1' });
    expect(first.scans[0]).toEqual({
      client_scan_id: 'scan-000',
      ticket: 1,
      gate: 'Main',
      direction: 'in',
      scanned_at: '2099-06-12T18:00:00.000Z',
    });
    expect(upload.synced).toHaveLength(SYNC_BATCH_SIZE + 20);
    expect(upload.counters?.checked_in).toBe(20);
    expect(ports.store.outbox.size).toBe(0);
  });

  it('stops at a failed batch and keeps it for the next time', async () => {
    const ports = fakeDoorPorts();
    pendingScans(ports, 3);
    await expect(uploadPending(7, ports)).rejects.toMatchObject({ status: 0 });
    expect(ports.store.outbox.size).toBe(3);
  });
});

describe('refreshKit', () => {
  it('downloads the whole kit first, then what changed since its cursor', async () => {
    const ports = fakeDoorPorts();
    const now = ports.clock.now();
    ports.api.doorKit.mockResolvedValueOnce(
      makeDoorKit(now, {
        tickets: [doorKitTicket(1, 'abcd2345', 'Ann'), doorKitTicket(2, 'EFGH2345', 'Bo')],
      }),
    );
    const first = await refreshKit(7, ports);
    expect(ports.api.doorKit).toHaveBeenLastCalledWith(7, null);
    expect(first).toMatchObject({ eventId: 7, ticketCount: 2, cursor: 'c1', clockOffsetMs: 0 });
    // Backup codes are kept in upper case, as typed codes are looked up.
    expect(ports.store.tickets.get('7:1')?.backupCode).toBe('ABCD2345');

    ports.api.doorKit.mockResolvedValueOnce({
      ...makeDoorKit(now, {
        tickets: [{ ...doorKitTicket(2, 'EFGH2345', 'Bo'), status: 'cancelled' }],
      }),
      full: false,
      cursor: 'c2',
    });
    const second = await refreshKit(7, ports);
    expect(ports.api.doorKit).toHaveBeenLastCalledWith(7, 'c1');
    expect(second).toMatchObject({ ticketCount: 2, cursor: 'c2' });
    expect(ports.store.tickets.get('7:2')?.status).toBe('cancelled');
  });

  it('keeps the revoked codes: all of a whole kit, added to by each update', async () => {
    const ports = fakeDoorPorts();
    const now = ports.clock.now();
    const row = (n: number) => ({
      code_sha256: String(n).repeat(64).toUpperCase(),
      backup_code: `abcd234${String(n)}`,
      revoked_at: null,
    });
    ports.api.doorKit.mockResolvedValueOnce(makeDoorKit(now, { revoked: [row(5)] }));
    await refreshKit(7, ports);
    ports.api.doorKit.mockResolvedValueOnce({
      ...makeDoorKit(now, { revoked: [row(6)] }),
      full: false,
      cursor: 'c2',
    });
    const kit = await refreshKit(7, ports);
    expect(kit.revoked).toEqual([
      { codeSha256: '5'.repeat(64), backupCode: 'ABCD2345', revokedAt: null },
      { codeSha256: '6'.repeat(64), backupCode: 'ABCD2346', revokedAt: null },
    ]);
  });
});
