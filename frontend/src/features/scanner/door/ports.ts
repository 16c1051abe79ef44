/**
 * What the door engine needs from the world, passed in: this device's database, the API,
 * the clock, the network and the speaker. The browser's versions are in browser-ports.ts;
 * tests pass fakes (src/testing/door-fakes.ts).
 */
import type {
  KitRecord,
  PendingScan,
  StoredAdmission,
  StoredTicket,
  SyncedScan,
} from '@/features/scanner/offline/door-db';
import type { LocalTicket } from '@/features/scanner/offline/decide';
import type { FeedbackKind } from '@/features/scanner/utils/feedback';
import type { QueuedScan } from '@/features/scanner/utils/storage';
import type {
  DoorKit,
  SyncRequest,
  SyncResult,
  ValidateRequest,
  ValidateResult,
} from '@/types/api';

/** The door kit, this device's admissions and its outbox of offline scans (IndexedDB). */
export interface DoorStore {
  getKit(eventId: number): Promise<KitRecord | undefined>;
  saveKitUpdate(
    kit: Omit<KitRecord, 'ticketCount'>,
    tickets: readonly LocalTicket[],
    options: { replace: boolean },
  ): Promise<KitRecord>;
  getTicket(eventId: number, id: number): Promise<StoredTicket | undefined>;
  getTicketByBackupCode(eventId: number, backupCode: string): Promise<StoredTicket | undefined>;
  getAdmission(eventId: number, ticketId: number): Promise<StoredAdmission | undefined>;
  /** The admission and, for an offline one, its scan for the outbox: in one transaction. */
  recordAdmission(admission: StoredAdmission, pending: PendingScan | null): Promise<void>;
  listPending(eventId: number): Promise<PendingScan[]>;
  markSynced(results: readonly SyncedScan[]): Promise<void>;
  listSynced(eventId: number): Promise<SyncedScan[]>;
}

/** Scans that got no answer at all, kept across visits (localStorage). */
export interface ScanQueueStore {
  load(): QueuedScan[];
  save(queue: readonly QueuedScan[]): void;
}

/** The server. Each call rejects with what `toApiError` understands when it fails. */
export interface DoorApi {
  validate(request: Omit<ValidateRequest, 'device_id'>): Promise<ValidateResult>;
  sync(request: SyncRequest): Promise<SyncResult>;
  doorKit(eventId: number, since: string | null): Promise<DoorKit>;
  /** Whether the server answers at all (any HTTP answer) within the door's patience. */
  serverAnswers(): Promise<boolean>;
}

/** Time. `after` and `every` return the function that cancels them. */
export interface Clock {
  now(): number;
  after(ms: number, callback: () => void): () => void;
  every(ms: number, callback: () => void): () => void;
}

/** What the device says about its connection; `subscribe` returns the unsubscribe. */
export interface Network {
  isOnline(): boolean;
  subscribe(listener: (online: boolean) => void): () => void;
}

export interface DoorPorts {
  store: DoorStore;
  queue: ScanQueueStore;
  api: DoorApi;
  clock: Clock;
  network: Network;
  /** Sound and vibration for a result. */
  feedback: (kind: FeedbackKind) => void;
  /** This device's stable id (sync tells its double taps from two people on one ticket). */
  deviceId: () => string;
  /** A new unique id (client scan ids, keys of recent scans). */
  newId: () => string;
}
