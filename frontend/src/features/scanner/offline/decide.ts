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
}

/** What this device itself did with a ticket (persisted, so a reload does not forget). */
export interface DeviceAdmission {
  ticketId: number;
  /** First admission by this device (ISO 8601). */
  firstAt: string;
  firstGate: string;
  /** Inside after this device's last scan of it. */
  inside: boolean;
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
  const ticket = input.ticketByBackupCode(normalizeCode(code).replace(/[\s-]/g, ''));
  // A backup code carries no signature: only one in the copy is known to be ours.
  if (!ticket) return reject('fake', 'backup_code');
  return decideTicket(ticket, 'backup_code', input);
}

/** Decide a ticket found by id (a code, a backup code or a manual check-in from search). */
export function decideTicket(
  ticket: LocalTicket,
  method: OfflineDecision['method'],
  input: DecideInput,
): OfflineDecision {
  const { window, now, direction } = input;
  if (ticket.status !== 'valid') return reject('cancelled', method, ticket);
  if (now < new Date(window.checkinOpensAt)) return reject('not_started', method, ticket);
  if (now > new Date(window.endsAt)) return reject('expired', method, ticket);

  const mine = input.admissionOf(ticket.id);
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
): DeviceAdmission {
  return {
    ticketId,
    firstAt: previous?.firstAt ?? at,
    firstGate: previous?.firstGate ?? gate,
    inside: direction === 'in',
  };
}
