/**
 * Keeping the door device and the server in step: the kit comes down (whole the first time,
 * then by cursor), the offline admissions go up through `sync` in batches, and what the
 * server said about each is kept so the door sees every conflict.
 */
import type { DoorPorts } from '@/features/scanner/door/ports';
import { SYNC_BATCH_SIZE } from '@/features/scanner/api/sync-scans';
import type { Counters, DoorKit, DoorKitTicket, SyncRequest, SyncResultItem } from '@/types/api';

import type { LocalTicket } from './decide';
import type { KitRecord, PendingScan, StoredRevokedCode, SyncedScan } from './door-db';

/** What keeping in step needs: this device's database, the API, its id and the time. */
type SyncPorts = Pick<DoorPorts, 'store' | 'api' | 'deviceId'> & {
  clock: Pick<DoorPorts['clock'], 'now'>;
};

export function localTicketOf(ticket: DoorKitTicket): LocalTicket {
  return {
    id: ticket.id,
    backupCode: ticket.backup_code.toUpperCase(),
    holderName: ticket.holder_name,
    status: ticket.status,
    checkedInAt: ticket.checked_in_at,
    inside: ticket.inside,
    ticketTypeId: ticket.ticket_type_id,
    lists: ticket.lists,
  };
}

/** The revoked codes after an update: the kit's own when whole, else added to those known. */
function revokedAfter(kit: DoorKit, known: KitRecord | undefined): StoredRevokedCode[] {
  const incoming = kit.revoked.map((row) => ({
    codeSha256: row.code_sha256.toLowerCase(),
    backupCode: row.backup_code.toUpperCase(),
    revokedAt: row.revoked_at,
  }));
  if (kit.full) return incoming;
  const byCode = new Map((known?.revoked ?? []).map((row) => [row.codeSha256, row]));
  for (const row of incoming) byCode.set(row.codeSha256, row);
  return [...byCode.values()];
}

function kitRecordOf(
  kit: DoorKit,
  receivedAt: Date,
  known: KitRecord | undefined,
): Omit<KitRecord, 'ticketCount'> {
  return {
    revoked: revokedAfter(kit, known),
    eventId: kit.event.id,
    event: kit.event,
    title: kit.event.title,
    window: {
      eventId: kit.event.id,
      checkinOpensAt: kit.event.checkin_opens_at,
      endsAt: kit.event.ends_at,
      allowReentry: kit.event.allow_reentry,
    },
    keys: kit.public_keys.map(({ id, key }) => ({ id, key })),
    lists: kit.lists.map((list) => ({
      id: list.id,
      name: list.name,
      isDefault: list.is_default,
      ticketTypes: list.ticket_types,
    })),
    cursor: kit.cursor,
    updatedAt: receivedAt.toISOString(),
    clockOffsetMs: new Date(kit.server_time).getTime() - receivedAt.getTime(),
  };
}

/** Bring this device's copy of the event's kit up to date; the first call downloads it all. */
export async function refreshKit(
  eventId: number,
  { store, api, clock }: SyncPorts,
): Promise<KitRecord> {
  const known = await store.getKit(eventId);
  const kit = await api.doorKit(eventId, known?.cursor ?? null);
  return store.saveKitUpdate(
    kitRecordOf(kit, new Date(clock.now()), known),
    kit.tickets.map(localTicketOf),
    { replace: kit.full },
  );
}

function syncScanOf(scan: PendingScan): SyncRequest['scans'][number] {
  const common = {
    client_scan_id: scan.clientScanId,
    gate: scan.gate,
    direction: scan.direction,
    scanned_at: scan.scannedAt,
    ...(scan.listId == null ? {} : { list: scan.listId }),
  };
  // A QR scan sends its code (the server checks the signature again); a typed backup code
  // or a search check-in sends the ticket it was resolved to.
  return scan.code ? { ...common, code: scan.code } : { ...common, ticket: scan.ticketId };
}

function syncedOf(scan: PendingScan, item: SyncResultItem, at: string): SyncedScan {
  return {
    ...scan,
    holderName: item.ticket?.holder_name ?? scan.holderName,
    outcome: item.outcome,
    detail: item.reason ?? '',
    syncedAt: at,
  };
}

export interface UploadResult {
  synced: SyncedScan[];
  counters: Counters | null;
}

/**
 * Send every offline scan of the event, oldest first, in batches the server accepts. A batch
 * leaves the outbox only with its answer; a failure stops here and the rest waits.
 */
export async function uploadPending(
  eventId: number,
  { store, api, clock, deviceId }: SyncPorts,
): Promise<UploadResult> {
  const device = deviceId();
  const synced: SyncedScan[] = [];
  let counters: Counters | null = null;
  for (;;) {
    const batch = (await store.listPending(eventId)).slice(0, SYNC_BATCH_SIZE);
    if (batch.length === 0) break;
    const answer = await api.sync({
      event: eventId,
      device_id: device,
      scans: batch.map(syncScanOf),
    });
    const byId = new Map(answer.results.map((item) => [item.client_scan_id, item]));
    const at = new Date(clock.now()).toISOString();
    // Only scans the server answered for leave the outbox; any other is sent again later.
    const done = batch.flatMap((scan) => {
      const item = byId.get(scan.clientScanId);
      return item ? [syncedOf(scan, item, at)] : [];
    });
    await store.markSynced(done);
    synced.push(...done);
    counters = answer.counters;
    if (batch.length < SYNC_BATCH_SIZE || done.length < batch.length) break;
  }
  return { synced, counters };
}
