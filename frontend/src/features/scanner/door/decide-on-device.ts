/**
 * A scan decided by this device alone, from its copy of the door kit: the ticket is looked up
 * in the device's database, `decide.ts` says yes or no, and an admission is written (with its
 * place in the outbox for `sync`) before anyone is shown it.
 */
import {
  admissionAfter,
  decideCode,
  decideTicket,
  type DoorList,
  type OfflineDecision,
  type RevokedCodes,
} from '@/features/scanner/offline/decide';
import type { KitRecord, StoredAdmission, StoredTicket } from '@/features/scanner/offline/door-db';
import {
  decodePublicKey,
  looksLikeTicketCode,
  normalizeCode,
  parseTicketCode,
  type Keyring,
} from '@/features/scanner/offline/ticket-code';
import type { Direction, ValidateResult } from '@/types/api';

import type { DoorStore } from './ports';
import type { LocalOutcome } from './types';

/** A scanned or typed code, or a ticket picked from search, at this gate. */
export interface DeviceScan {
  code?: string;
  ticket?: number;
  direction: Direction;
  gate: string;
  /** The check-in list picked (null: Entry). */
  listId?: number | null;
}

interface Found {
  ticketId: number | null;
  ticket: StoredTicket | undefined;
  admission: StoredAdmission | undefined;
}

function keyringOf(kit: KitRecord): Keyring {
  const keys = new Map<number, Uint8Array>();
  for (const { id, key } of kit.keys) {
    const raw = decodePublicKey(key);
    if (raw) keys.set(id, raw);
  }
  return keys;
}

/** The kit's revoked codes as sets, built once per kit record. */
const revokedByKit = new WeakMap<KitRecord, RevokedCodes>();

function revokedOf(kit: KitRecord): RevokedCodes {
  let revoked = revokedByKit.get(kit);
  if (!revoked) {
    const rows = kit.revoked ?? [];
    revoked = {
      codes: new Set(rows.map((row) => row.codeSha256)),
      backupCodes: new Set(rows.map((row) => row.backupCode)),
    };
    revokedByKit.set(kit, revoked);
  }
  return revoked;
}

/** The ticket a scan names, as this device knows it, and what this device did with it. */
async function find(store: DoorStore, eventId: number, scan: DeviceScan): Promise<Found> {
  let ticket: StoredTicket | undefined;
  let ticketId = scan.ticket ?? null;
  if (scan.code !== undefined) {
    if (looksLikeTicketCode(scan.code)) {
      ticketId = parseTicketCode(scan.code)?.ticketId ?? null;
    } else {
      const backupCode = normalizeCode(scan.code).replace(/[\s-]/g, '');
      ticket = await store.getTicketByBackupCode(eventId, backupCode);
      ticketId = ticket?.id ?? null;
    }
  }
  if (ticketId === null) return { ticketId, ticket, admission: undefined };
  ticket ??= await store.getTicket(eventId, ticketId);
  return { ticketId, ticket, admission: await store.getAdmission(eventId, ticketId) };
}

/** The picked list as the kit describes it; null (Entry) when none, or not in the copy. */
function listOf(kit: KitRecord, listId: number | null | undefined): DoorList | null {
  if (listId == null) return null;
  return kit.lists?.find((list) => list.id === listId) ?? null;
}

function decisionOf(
  scan: DeviceScan,
  kit: KitRecord,
  { ticketId, ticket, admission }: Found,
  now: Date,
): OfflineDecision | null {
  const input = {
    list: listOf(kit, scan.listId),
    window: kit.window,
    keys: keyringOf(kit),
    direction: scan.direction,
    now,
    ticketById: (id: number) => (id === ticketId ? ticket : undefined),
    ticketByBackupCode: () => ticket,
    admissionOf: (id: number) => (id === ticketId ? admission : undefined),
    revoked: revokedOf(kit),
  };
  if (scan.code !== undefined) return decideCode(scan.code, input);
  return ticket ? decideTicket(ticket, 'manual', input) : null;
}

/** Write an admission this device made (and its place in the outbox) before showing it. */
async function record(
  store: DoorStore,
  { eventId, kit, scan, found, now, newId }: RecordInput,
  admitted: NonNullable<OfflineDecision['ticket']>,
): Promise<void> {
  const at = now.toISOString();
  const list = listOf(kit, scan.listId);
  await store.recordAdmission(
    {
      eventId,
      ...admissionAfter(found.admission, admitted.id, scan.direction, scan.gate, at, list),
    },
    {
      clientScanId: newId(),
      eventId,
      code: scan.code !== undefined && looksLikeTicketCode(scan.code) ? scan.code : null,
      ticketId: admitted.id,
      holderName: admitted.holderName,
      gate: scan.gate,
      direction: scan.direction,
      scannedAt: at,
      listId: scan.listId ?? null,
    },
  );
}

interface RecordInput {
  eventId: number;
  kit: KitRecord;
  scan: DeviceScan;
  found: Found;
  now: Date;
  newId: () => string;
}

/**
 * Decide `scan` from this device's copy of the kit (`kit` when the caller holds it, else the
 * stored one) at `now` plus the kit's clock offset (server time). Null when this device
 * cannot: no copy, or a search pick it has no copy of. `recorded` says whether an admission
 * went into the outbox; `firstEntry` whether it is the ticket's first admission (one more
 * "checked in" the server does not know of yet).
 */
export async function decideOnDevice({
  store,
  eventId,
  kit: held,
  scan,
  now: deviceNow,
  newId,
}: {
  store: DoorStore;
  eventId: number;
  kit: KitRecord | null;
  scan: DeviceScan;
  now: number;
  newId: () => string;
}): Promise<{ outcome: LocalOutcome; recorded: boolean; firstEntry: boolean } | null> {
  const kit = held ?? (await store.getKit(eventId));
  if (!kit) return null;
  const now = new Date(deviceNow + kit.clockOffsetMs);
  const found = await find(store, eventId, scan);
  const decision = decisionOf(scan, kit, found, now);
  if (!decision) return null;
  const admitted = decision.status === 'accepted' ? decision.ticket : null;
  if (admitted) await record(store, { eventId, kit, scan, found, now, newId }, admitted);
  const other =
    decision.otherEventId === null ? undefined : await store.getKit(decision.otherEventId);
  return {
    outcome: { decision, otherEventTitle: other?.title ?? null },
    recorded: admitted !== null,
    firstEntry: admitted !== null && scan.direction === 'in' && found.admission === undefined,
  };
}

/**
 * Remember what the server said about a ticket, so this device never admits it offline
 * again: an admission now, or one the server reports as a duplicate.
 */
export async function rememberServerAnswer({
  store,
  eventId,
  result,
  gate,
  now,
  list = null,
}: {
  store: DoorStore;
  eventId: number;
  result: ValidateResult;
  gate: string;
  now: Date;
  /** The list scanned on (null: Entry). */
  list?: DoorList | null;
}): Promise<void> {
  const ticket = result.ticket;
  if (!ticket || (result.status !== 'accepted' && result.reason !== 'duplicate')) return;
  const previous = await store.getAdmission(eventId, ticket.id);
  if (list && !list.isDefault && result.direction === 'in') {
    // Admitted on another list (now or before): that list's record; Entry's stays.
    const at = now.toISOString();
    const admission = admissionAfter(previous, ticket.id, 'in', gate, at, list);
    if (previous?.lists?.includes(list.id)) return;
    await store.recordAdmission({ eventId, ...admission }, null);
    return;
  }
  await store.recordAdmission(
    {
      eventId,
      ticketId: ticket.id,
      firstAt:
        previous?.firstAt ??
        result.first_checked_in_at ??
        result.checked_in_at ??
        now.toISOString(),
      firstGate: previous?.firstGate ?? result.first_gate ?? gate,
      inside: result.status === 'accepted' ? result.direction === 'in' : true,
    },
    null,
  );
}
