/**
 * The offline door's decision for one scan, from this device's copy of the door kit alone.
 * Pure: every input is passed in, so it is tested without a browser database or a clock.
 *
 * It answers like the server's `validate` (the same reasons), from what the device can know:
 * a forged or altered code is refused from the signature; a ticket of another event, a
 * cancelled one, one already admitted (by anyone before the last kit update, or by this
 * device at any time) is refused; the rest is admitted. What it cannot know (the same ticket
 * admitted at another door meanwhile) comes back from `sync` as `offline_conflict`.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

import type { Direction, RejectReason, ScanMethod } from '@/types/api';

import { looksLikeTicketCode, normalizeCode, verifyTicketCode, type Keyring } from './ticket-code';

/** A table with a row for every reason of the server and no other; else the build fails. */
type EveryReason<
  Table extends Record<RejectReason, boolean> & Record<Exclude<keyof Table, RejectReason>, never>,
> = Table;

/**
 * Which of the server's rejection reasons (the generated `ReasonEnum`) this device can give
 * by itself. A reason the server adds or removes breaks the build here until someone decides
 * whether a door without the server can tell it.
 */
type DecidedOffline = EveryReason<{
  duplicate: true;
  fake: true;
  cancelled: true;
  // The kit lists the codes of tickets transferred away (and the tickets themselves).
  revoked: true;
  wrong_event: true;
  not_started: true;
  expired: true;
  not_inside: true;
  wrong_list: true;
  // Only `sync` can tell that another door admitted the same ticket meanwhile.
  offline_conflict: false;
}>;

/** The reasons of the offline door's refusals: the server's own words, a subset of them. */
export type OfflineReason = {
  [Reason in keyof DecidedOffline]: DecidedOffline[Reason] extends true ? Reason : never;
}[keyof DecidedOffline];

/** One ticket as the door kit lists it, plus what this device did with it. */
export interface LocalTicket {
  id: number;
  backupCode: string;
  holderName: string;
  status: string;
  /** First admission known to the server at the last kit update (ISO 8601), if any. */
  checkedInAt: string | null;
  /** Whether the server counted it inside at the last kit update (re-entry events). */
  inside: boolean;
  /** Its ticket type (null: unknown, e.g. issued after the last kit update). */
  ticketTypeId?: number | null;
  /** The check-in lists other than Entry the server had admitted it on. */
  lists?: number[];
}

/** A check-in list as the door kit describes it. */
export interface DoorList {
  id: number;
  name: string;
  isDefault: boolean;
  /** The ticket types it admits; empty: every type. */
  ticketTypes: number[];
}

/** What this device itself did with a ticket (persisted, so a reload does not forget). */
export interface DeviceAdmission {
  ticketId: number;
  /** First admission by this device on Entry (ISO 8601); null: only on other lists. */
  firstAt: string | null;
  firstGate: string | null;
  /** Inside after this device's last scan of it. */
  inside: boolean;
  /** The check-in lists other than Entry this device admitted it on. */
  lists?: number[];
}

export interface DoorWindow {
  eventId: number;
  checkinOpensAt: string;
  endsAt: string;
  allowReentry: boolean;
}

export interface OfflineDecision {
  status: 'accepted' | 'rejected';
  reason: OfflineReason | null;
  ticket: LocalTicket | null;
  /** For duplicates: when and where it was first admitted, as far as this device knows. */
  firstCheckedInAt: string | null;
  firstGate: string | null;
  /** What was scanned: the signed code, or a typed backup code resolved to its ticket. */
  method: ScanMethod;
  /** The event a code of another event names. */
  otherEventId: number | null;
}

export interface DecideInput {
  window: DoorWindow;
  keys: Keyring;
  direction: Direction;
  now: Date;
  /** The ticket of this event by id. */
  ticketById: (id: number) => LocalTicket | undefined;
  /** The ticket of this event by backup code (upper case). */
  ticketByBackupCode: (code: string) => LocalTicket | undefined;
  admissionOf: (ticketId: number) => DeviceAdmission | undefined;
  /** The list scanned on; absent or the default: Entry. */
  list?: DoorList | null;
  /** Codes of tickets transferred away, as the kit lists them (absent: none known). */
  revoked?: RevokedCodes;
}

/** The kit's revoked codes: SHA-256 (hex) of each signed code's text, and backup codes. */
export interface RevokedCodes {
  codes: ReadonlySet<string>;
  backupCodes: ReadonlySet<string>;
}

/** SHA-256 (hex) of a signed code's text, as the door kit lists revoked codes. */
export function codeSha256(code: string): string {
  return bytesToHex(sha256(utf8ToBytes(normalizeCode(code))));
}

/** A list other than Entry: its own admissions, once each; the event's counters untouched. */
function onList(list: DoorList | null | undefined): list is DoorList {
  return list != null && !list.isDefault;
}

const reject = (
  reason: OfflineReason,
  method: OfflineDecision['method'],
  ticket: LocalTicket | null = null,
  extra: Partial<OfflineDecision> = {},
): OfflineDecision => ({
  status: 'rejected',
  reason,
  ticket,
  firstCheckedInAt: null,
  firstGate: null,
  method,
  otherEventId: null,
  ...extra,
});

/** Decide a scanned or typed code (signed QR text or an 8-character backup code). */
export function decideCode(code: string, input: DecideInput): OfflineDecision {
  if (looksLikeTicketCode(code)) {
    const claim = verifyTicketCode(code, input.keys);
    if (!claim) return reject('fake', 'qr');
    if (claim.eventId !== input.window.eventId) {
      return reject('wrong_event', 'qr', null, { otherEventId: claim.eventId });
    }
    const ticket = input.ticketById(claim.ticketId);
    // Transferred: its old code stays genuine but admits nobody.
    if (input.revoked?.codes.has(codeSha256(code))) return reject('revoked', 'qr', ticket ?? null);
    // Signed by us for this event but not in the copy: issued after the last kit update.
    // Genuine, so it is admitted; sync tells whether it was still valid.
    return decideTicket(
      ticket ?? {
        id: claim.ticketId,
        backupCode: '',
        holderName: '',
        status: 'valid',
        checkedInAt: null,
        inside: false,
      },
      'qr',
      input,
    );
  }
  const backupCode = normalizeCode(code).replace(/[\s-]/g, '');
  const ticket = input.ticketByBackupCode(backupCode);
  if (input.revoked?.backupCodes.has(backupCode)) {
    return reject('revoked', 'backup_code', ticket ?? null);
  }
  // A backup code carries no signature: only one in the copy is known to be ours.
  if (!ticket) return reject('fake', 'backup_code');
  return decideTicket(ticket, 'backup_code', input);
}

/** A refusal that holds on every list: the ticket is not valid, or the door is closed. */
function refusalBeforeLooking(ticket: LocalTicket, { window, now }: DecideInput) {
  if (ticket.status === 'revoked') return 'revoked';
  if (ticket.status !== 'valid') return 'cancelled';
  if (now < new Date(window.checkinOpensAt)) return 'not_started';
  if (now > new Date(window.endsAt)) return 'expired';
  return null;
}

/** Decide a ticket found by id (a code, a backup code or a manual check-in from search). */
export function decideTicket(
  ticket: LocalTicket,
  method: OfflineDecision['method'],
  input: DecideInput,
): OfflineDecision {
  const { window, direction } = input;
  const refusal = refusalBeforeLooking(ticket, input);
  if (refusal) return reject(refusal, method, ticket);
  // Going out is leaving the venue: Entry's, whatever list is picked.
  if (direction === 'in' && onList(input.list)) {
    return decideOnList(ticket, method, input.list, input.admissionOf(ticket.id));
  }

  const recorded = input.admissionOf(ticket.id);
  // This device's Entry admission (a record of other lists only says nothing of Entry).
  const mine = recorded?.firstAt ? recorded : undefined;
  const firstCheckedInAt = ticket.checkedInAt ?? mine?.firstAt ?? null;
  const firstGate = ticket.checkedInAt ? null : (mine?.firstGate ?? null);
  // Re-entry events: the server's count at the last update, then this device's own scans.
  const insideOnServer = window.allowReentry ? ticket.inside : ticket.checkedInAt !== null;
  const inside = mine ? mine.inside : insideOnServer;

  if (direction === 'out') {
    if (!window.allowReentry || !inside) return reject('not_inside', method, ticket);
    return accept(ticket, method, firstCheckedInAt, firstGate);
  }
  const admittedBefore = firstCheckedInAt !== null;
  if (admittedBefore && (!window.allowReentry || inside)) {
    return reject('duplicate', method, ticket, { firstCheckedInAt, firstGate });
  }
  return accept(ticket, method, firstCheckedInAt, firstGate);
}

function decideOnList(
  ticket: LocalTicket,
  method: OfflineDecision['method'],
  list: DoorList,
  mine: DeviceAdmission | undefined,
): OfflineDecision {
  const typeId = ticket.ticketTypeId ?? null;
  // A ticket issued after the last kit update has no known type: sync decides.
  if (list.ticketTypes.length > 0 && typeId !== null && !list.ticketTypes.includes(typeId)) {
    return reject('wrong_list', method, ticket);
  }
  const admitted = [...(ticket.lists ?? []), ...(mine?.lists ?? [])].includes(list.id);
  if (admitted) return reject('duplicate', method, ticket);
  return accept(ticket, method, null, null);
}

function accept(
  ticket: LocalTicket,
  method: OfflineDecision['method'],
  firstCheckedInAt: string | null,
  firstGate: string | null,
): OfflineDecision {
  return {
    status: 'accepted',
    reason: null,
    ticket,
    firstCheckedInAt,
    firstGate,
    method,
    otherEventId: null,
  };
}

/** This device's record of a ticket after an accepted decision. */
export function admissionAfter(
  previous: DeviceAdmission | undefined,
  ticketId: number,
  direction: Direction,
  gate: string,
  at: string,
  list: DoorList | null = null,
): DeviceAdmission {
  if (direction === 'in' && onList(list)) {
    // Admitted on another list: Entry's record (first admission, inside) stays as it was.
    const entry = previous ?? { ticketId, firstAt: null, firstGate: null, inside: false };
    return { ...entry, ticketId, lists: [...(previous?.lists ?? []), list.id] };
  }
  return {
    ...(previous?.lists ? { lists: previous.lists } : {}),
    ticketId,
    firstAt: previous?.firstAt ?? at,
    firstGate: previous?.firstGate ?? gate,
    inside: direction === 'in',
  };
}
