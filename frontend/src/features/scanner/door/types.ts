/**
 * What the door engine tells the screen: the shape of its state and of each scan's outcome.
 * Types only; the engine (engine.ts) is the one place that changes them.
 */
import type { OfflineDecision } from '@/features/scanner/offline/decide';
import type { KitRecord, SyncedScan } from '@/features/scanner/offline/door-db';
import type { QueuedScan } from '@/features/scanner/utils/storage';
import type { ApiError } from '@/lib/errors';
import type { Counters, ValidateResult } from '@/types/api';

/** Online: the server decides. Offline: this device decides from its copy of the door kit. */
export type ConnectionMode = 'online' | 'offline';

/** A decision this device made from its copy of the door kit. */
export interface LocalOutcome {
  decision: OfflineDecision;
  /** The title of the other event of a `wrong_event` code, if this device has its kit. */
  otherEventTitle: string | null;
}

/** The last upload of offline scans that the server answered. */
export interface LastSync {
  at: string;
  sent: number;
  conflicts: number;
}

export type Outcome =
  | { kind: 'checking'; code: string }
  | { kind: 'accepted' | 'rejected'; code: string; result: ValidateResult }
  | { kind: 'queued'; code: string }
  | { kind: 'offline'; code: string; local: LocalOutcome }
  | { kind: 'error'; code: string; error: ApiError };

/** The outcome on screen; `key` tells one scan's result from the next. */
export type ShownOutcome = Outcome & { key: number };

export interface RecentScan {
  key: string;
  code: string;
  /** When it was scanned (ISO 8601). */
  time: string;
  outcome: Exclude<Outcome, { kind: 'checking' }>;
  /** Decided later, from the queue of scans that got no answer. */
  fromQueue: boolean;
}

/** A scan to decide: a scanned or typed code, or a ticket picked from search. */
export type ScanInput = { code: string; ticket?: undefined } | { ticket: number; label: string };

/** Everything the door shows, as one immutable snapshot (a new object after each change). */
export interface DoorState {
  mode: ConnectionMode;
  /** This device's copy of the event's door kit, if it has one. */
  kit: KitRecord | null;
  /** Why the copy could not be updated (the server refused), if it could not. */
  kitError: string | null;
  /** Offline scans (in and out) waiting for `sync`. */
  pending: number;
  /**
   * Tickets this device admitted for the first time while offline, not yet synced: the
   * server's `checked_in` does not count them yet, the door's figure must.
   */
  unsynced: number;
  /** What `sync` said about this device's offline admissions (conflicts among them). */
  synced: SyncedScan[];
  lastSync: LastSync | null;
  /** Scans that got no answer and could not be decided here (no copy yet), to send again. */
  queue: QueuedScan[];
  /** The big result on screen, if any. */
  current: ShownOutcome | null;
  /** A code seen again within the de-duplication window (not sent twice). */
  repeated: { code: string; at: number } | null;
  /** This device's last results, newest first. */
  recent: RecentScan[];
  /** The event's latest counters, from any answer or the live socket. */
  counters: Counters | null;
}
