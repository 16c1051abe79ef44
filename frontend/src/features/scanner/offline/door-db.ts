/**
 * The door device's own database (IndexedDB through `idb`): the door kit of each event it
 * scans for, what it admitted itself, and the scans it made offline until `sync` has them.
 * Everything here survives a reload and a closed tab; nothing that must not be lost (an
 * offline admission) lives only in memory.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';

import { onSignOutCleanup } from '@/lib/offline-data';
import type { Direction, DoorKitEvent, SyncOutcome } from '@/types/api';

import type { DeviceAdmission, DoorList, DoorWindow, LocalTicket } from './decide';

export const DOOR_DB_NAME = 'qe-door';
const DOOR_DB_VERSION = 1;

/** One public key of the kit: key id and the raw key in standard base64. */
export interface StoredKey {
  id: number;
  key: string;
}

/** The kit of one event: how to verify and decide, and where the next update starts. */
export interface KitRecord {
  eventId: number;
  /** The event as the kit describes it, so the scanner can start with no network. */
  event: DoorKitEvent;
  title: string;
  window: DoorWindow;
  keys: StoredKey[];
  /** The event's check-in lists (absent in a copy made before lists: Entry only). */
  lists?: DoorList[];
  /** Codes of tickets transferred away (absent in a copy made before transfers: none). */
  revoked?: StoredRevokedCode[];
  /** Opaque cursor of the last update: the next one asks only for what changed since. */
  cursor: string | null;
  /** When this device last brought the kit up to date (ISO 8601). */
  updatedAt: string;
  /** Server clock minus this device's clock at the last update: windows use server time. */
  clockOffsetMs: number;
  ticketCount: number;
}

/** A revoked code as the kit lists it: SHA-256 (hex) of the code, and its backup code. */
export interface StoredRevokedCode {
  codeSha256: string;
  backupCode: string;
  revokedAt: string | null;
}

export interface StoredTicket extends LocalTicket {
  eventId: number;
}

export interface StoredAdmission extends DeviceAdmission {
  eventId: number;
}

/** A scan this device decided offline, waiting for `POST /attendance/sync/`. */
export interface PendingScan {
  clientScanId: string;
  eventId: number;
  /** The scanned text for QR scans; absent for typed backup codes and search check-ins. */
  code: string | null;
  ticketId: number;
  holderName: string;
  gate: string;
  direction: Direction;
  scannedAt: string;
  /** The check-in list it was scanned on; absent or null: Entry. */
  listId?: number | null;
}

/** What `sync` said about an offline scan, kept to show conflicts to the door. */
export interface SyncedScan extends PendingScan {
  outcome: SyncOutcome;
  detail: string;
  syncedAt: string;
}

interface DoorSchema extends DBSchema {
  kits: { key: number; value: KitRecord };
  tickets: {
    key: [number, number];
    value: StoredTicket;
    indexes: { 'by-event': number; 'by-backup-code': [number, string] };
  };
  admissions: { key: [number, number]; value: StoredAdmission };
  outbox: { key: string; value: PendingScan; indexes: { 'by-event': number } };
  synced: { key: string; value: SyncedScan; indexes: { 'by-event': number } };
}

export type DoorDb = IDBPDatabase<DoorSchema>;

let dbPromise: Promise<DoorDb> | null = null;

export function openDoorDb(): Promise<DoorDb> {
  dbPromise ??= openDB<DoorSchema>(DOOR_DB_NAME, DOOR_DB_VERSION, {
    upgrade(db) {
      db.createObjectStore('kits', { keyPath: 'eventId' });
      const tickets = db.createObjectStore('tickets', { keyPath: ['eventId', 'id'] });
      tickets.createIndex('by-event', 'eventId');
      tickets.createIndex('by-backup-code', ['eventId', 'backupCode']);
      db.createObjectStore('admissions', { keyPath: ['eventId', 'ticketId'] });
      db.createObjectStore('outbox', { keyPath: 'clientScanId' }).createIndex(
        'by-event',
        'eventId',
      );
      db.createObjectStore('synced', { keyPath: 'clientScanId' }).createIndex(
        'by-event',
        'eventId',
      );
    },
    // Another tab upgraded the schema: let it, and reopen on next use.
    blocking() {
      void dbPromise?.then((db) => {
        db.close();
      });
      dbPromise = null;
    },
  }).catch((error: unknown) => {
    dbPromise = null;
    throw error;
  });
  return dbPromise;
}

/** Tests only: forget the open connection (after deleting the database). */
export async function closeDoorDb(): Promise<void> {
  const db = await dbPromise?.catch(() => null);
  db?.close();
  dbPromise = null;
}

export async function getKit(eventId: number): Promise<KitRecord | undefined> {
  return (await openDoorDb()).get('kits', eventId);
}

export async function listKits(): Promise<KitRecord[]> {
  return (await openDoorDb()).getAll('kits');
}

/**
 * Store a kit update in one transaction: the tickets it lists (new or changed, revoked ones
 * with their new status) and the kit's keys, window and cursor. Interrupted, it leaves the
 * previous copy whole, and the next update starts from the previous cursor.
 */
export async function saveKitUpdate(
  kit: Omit<KitRecord, 'ticketCount'>,
  tickets: readonly LocalTicket[],
  { replace }: { replace: boolean },
): Promise<KitRecord> {
  const db = await openDoorDb();
  const tx = db.transaction(['kits', 'tickets'], 'readwrite');
  const ticketStore = tx.objectStore('tickets');
  if (replace) {
    const range = IDBKeyRange.bound([kit.eventId, -Infinity], [kit.eventId, Infinity]);
    await ticketStore.delete(range);
  }
  for (const ticket of tickets) {
    void ticketStore.put({ ...ticket, eventId: kit.eventId });
  }
  const ticketCount = await ticketStore.index('by-event').count(kit.eventId);
  const record: KitRecord = { ...kit, ticketCount };
  void tx.objectStore('kits').put(record);
  await tx.done;
  return record;
}

export async function getTicket(eventId: number, id: number): Promise<StoredTicket | undefined> {
  return (await openDoorDb()).get('tickets', [eventId, id]);
}

export async function getTicketByBackupCode(
  eventId: number,
  backupCode: string,
): Promise<StoredTicket | undefined> {
  return (await openDoorDb()).getFromIndex('tickets', 'by-backup-code', [eventId, backupCode]);
}

/** Tickets of the kit whose holder name or backup code contains the query (offline search). */
export async function searchTickets(
  eventId: number,
  query: string,
  limit: number,
): Promise<StoredTicket[]> {
  const needle = query.trim().toLowerCase();
  if (!needle) return [];
  const db = await openDoorDb();
  const found: StoredTicket[] = [];
  let cursor = await db.transaction('tickets').store.index('by-event').openCursor(eventId);
  while (cursor && found.length < limit) {
    const ticket = cursor.value;
    if (
      ticket.holderName.toLowerCase().includes(needle) ||
      ticket.backupCode.toLowerCase() === needle.replace(/[\s-]/g, '')
    ) {
      found.push(ticket);
    }
    cursor = await cursor.continue();
  }
  return found;
}

export async function getAdmission(
  eventId: number,
  ticketId: number,
): Promise<StoredAdmission | undefined> {
  return (await openDoorDb()).get('admissions', [eventId, ticketId]);
}

/** Record this device's admission (online or offline) and, offline, queue it for sync. */
export async function recordAdmission(
  admission: StoredAdmission,
  pending: PendingScan | null,
): Promise<void> {
  const db = await openDoorDb();
  const tx = db.transaction(['admissions', 'outbox'], 'readwrite');
  void tx.objectStore('admissions').put(admission);
  if (pending) void tx.objectStore('outbox').put(pending);
  await tx.done;
}

export async function listPending(eventId: number): Promise<PendingScan[]> {
  const pending = await (await openDoorDb()).getAllFromIndex('outbox', 'by-event', eventId);
  return pending.sort((a, b) => a.scannedAt.localeCompare(b.scannedAt));
}

/** Move synced scans out of the outbox, with what the server said, in one transaction. */
export async function markSynced(results: readonly SyncedScan[]): Promise<void> {
  const db = await openDoorDb();
  const tx = db.transaction(['outbox', 'synced'], 'readwrite');
  for (const result of results) {
    void tx.objectStore('outbox').delete(result.clientScanId);
    void tx.objectStore('synced').put(result);
  }
  await tx.done;
}

export async function listSynced(eventId: number): Promise<SyncedScan[]> {
  const synced = await (await openDoorDb()).getAllFromIndex('synced', 'by-event', eventId);
  return synced.sort((a, b) => b.scannedAt.localeCompare(a.scannedAt));
}

/**
 * Forget the personal data of every kit (names, backup codes) when the user signs out of
 * this device. Scans still waiting for sync are kept (admissions already made), and so is
 * which tickets this device admitted (ids and times only), so none gets in twice here.
 */
export async function clearKits(): Promise<void> {
  const db = await openDoorDb();
  const tx = db.transaction(['kits', 'tickets', 'synced'], 'readwrite');
  await Promise.all([
    tx.objectStore('kits').clear(),
    tx.objectStore('tickets').clear(),
    tx.objectStore('synced').clear(),
    tx.done,
  ]);
}

onSignOutCleanup(clearKits);
