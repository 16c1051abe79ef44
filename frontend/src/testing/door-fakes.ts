/**
 * Fakes of the door engine's ports (features/scanner/door/ports.ts): a clock the test moves,
 * an in-memory device database and scan queue, an API whose answers the test sets, a network
 * the test switches. The engine runs on these exactly as on the browser's.
 */
import type {
  Clock,
  DoorApi,
  DoorPorts,
  DoorStore,
  Network,
  ScanQueueStore,
} from '@/features/scanner/door/ports';
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
import { ApiError, NETWORK_ERROR } from '@/lib/errors';
import type { DoorKit, DoorKitTicket } from '@/types/api';

interface Timer {
  id: number;
  at: number;
  every: number | null;
  callback: () => void;
}

/** Time stands still until the test moves it; timers due on the way run in order. */
class FakeClock implements Clock {
  time: number;
  private timers: Timer[] = [];
  private nextId = 0;

  constructor(start = Date.parse('2099-06-12T18:30:00Z')) {
    this.time = start;
  }

  now = (): number => this.time;
  after = (ms: number, callback: () => void) => this.add(ms, null, callback);
  every = (ms: number, callback: () => void) => this.add(ms, ms, callback);

  private add(ms: number, every: number | null, callback: () => void): () => void {
    const timer = { id: this.nextId++, at: this.time + ms, every, callback };
    this.timers.push(timer);
    return () => {
      this.timers = this.timers.filter((other) => other !== timer);
    };
  }

  /** Move time on by `ms`, running every timer that falls due, in order. */
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      const due = this.timers
        .filter((timer) => timer.at <= end)
        .sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!due) break;
      this.time = due.at;
      if (due.every === null) this.timers = this.timers.filter((timer) => timer !== due);
      else due.at += due.every;
      due.callback();
    }
    this.time = end;
  }

  /** How many timers are set. */
  get pending(): number {
    return this.timers.length;
  }
}

/** The device's database, in memory, keyed as door-db.ts keys IndexedDB. */
class FakeDoorStore implements DoorStore {
  kits = new Map<number, KitRecord>();
  tickets = new Map<string, StoredTicket>();
  admissions = new Map<string, StoredAdmission>();
  outbox = new Map<string, PendingScan>();
  synced = new Map<string, SyncedScan>();

  getKit = (eventId: number) => Promise.resolve(this.kits.get(eventId));

  saveKitUpdate = (
    kit: Omit<KitRecord, 'ticketCount'>,
    tickets: readonly LocalTicket[],
    { replace }: { replace: boolean },
  ) => {
    if (replace) {
      for (const [key, ticket] of this.tickets) {
        if (ticket.eventId === kit.eventId) this.tickets.delete(key);
      }
    }
    for (const ticket of tickets) {
      this.tickets.set(`${String(kit.eventId)}:${String(ticket.id)}`, {
        ...ticket,
        eventId: kit.eventId,
      });
    }
    const ticketCount = [...this.tickets.values()].filter((t) => t.eventId === kit.eventId).length;
    const record = { ...kit, ticketCount };
    this.kits.set(kit.eventId, record);
    return Promise.resolve(record);
  };

  getTicket = (eventId: number, id: number) =>
    Promise.resolve(this.tickets.get(`${String(eventId)}:${String(id)}`));

  getTicketByBackupCode = (eventId: number, backupCode: string) =>
    Promise.resolve(
      [...this.tickets.values()].find(
        (ticket) => ticket.eventId === eventId && ticket.backupCode === backupCode,
      ),
    );

  getAdmission = (eventId: number, ticketId: number) =>
    Promise.resolve(this.admissions.get(`${String(eventId)}:${String(ticketId)}`));

  recordAdmission = (admission: StoredAdmission, pending: PendingScan | null) => {
    this.admissions.set(`${String(admission.eventId)}:${String(admission.ticketId)}`, admission);
    if (pending) this.outbox.set(pending.clientScanId, pending);
    return Promise.resolve();
  };

  listPending = (eventId: number) =>
    Promise.resolve(
      [...this.outbox.values()]
        .filter((scan) => scan.eventId === eventId)
        .sort((a, b) => a.scannedAt.localeCompare(b.scannedAt)),
    );

  markSynced = (results: readonly SyncedScan[]) => {
    for (const result of results) {
      this.outbox.delete(result.clientScanId);
      this.synced.set(result.clientScanId, result);
    }
    return Promise.resolve();
  };

  listSynced = (eventId: number) =>
    Promise.resolve(
      [...this.synced.values()]
        .filter((scan) => scan.eventId === eventId)
        .sort((a, b) => b.scannedAt.localeCompare(a.scannedAt)),
    );
}

/** The localStorage queue, in memory. */
class FakeQueueStore implements ScanQueueStore {
  saved: QueuedScan[];
  constructor(initial: QueuedScan[] = []) {
    this.saved = initial;
  }
  load = () => [...this.saved];
  save = (queue: readonly QueuedScan[]) => {
    this.saved = [...queue];
  };
}

class FakeNetwork implements Network {
  online: boolean;
  private listeners = new Set<(online: boolean) => void>();
  constructor(online = true) {
    this.online = online;
  }
  isOnline = () => this.online;
  subscribe = (listener: (online: boolean) => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };
  /** The browser says the connection went or came back. */
  set(online: boolean): void {
    this.online = online;
    for (const listener of this.listeners) listener(online);
  }
  get listening(): number {
    return this.listeners.size;
  }
}

/** What axios gives the engine when nothing answers (offline, or the 2 s timeout). */
export function noAnswer(): ApiError {
  return new ApiError(0, { code: NETWORK_ERROR, detail: 'Cannot reach the server.' });
}

/** An API that answers nothing until the test says otherwise. */
function fakeDoorApi() {
  return {
    validate: vi.fn<DoorApi['validate']>().mockRejectedValue(noAnswer()),
    sync: vi.fn<DoorApi['sync']>().mockRejectedValue(noAnswer()),
    doorKit: vi.fn<DoorApi['doorKit']>().mockRejectedValue(noAnswer()),
    serverAnswers: vi.fn<DoorApi['serverAnswers']>().mockResolvedValue(false),
  };
}

export function fakeDoorPorts({ online = true, queue = [] as QueuedScan[] } = {}) {
  let ids = 0;
  const ports = {
    store: new FakeDoorStore(),
    queue: new FakeQueueStore(queue),
    api: fakeDoorApi(),
    clock: new FakeClock(),
    network: new FakeNetwork(online),
    feedback: vi.fn<(kind: FeedbackKind) => void>(),
    deviceId: () => 'device-1',
    newId: () => `id-${String(++ids)}`,
  };
  return ports satisfies DoorPorts;
}

/** The event's default list, as every door kit carries it. */
export const ENTRY_LIST = { id: 1, name: 'Entry', is_default: true, ticket_types: [] };

export function doorKitTicket(id: number, backupCode: string, name: string): DoorKitTicket {
  return {
    id,
    booking: 1,
    backup_code: backupCode,
    holder_name: name,
    attendee_name: name,
    ticket_type: null,
    status: 'valid',
    checked_in_at: null,
    checked_in_gate: '',
    inside: false,
    ticket_type_id: 1,
    lists: [],
  };
}

/** A full door kit of event `eventId`, open for check-in at `now`. */
export function makeDoorKit(
  now: number,
  {
    eventId = 7,
    tickets = [] as DoorKitTicket[],
    keys = [] as DoorKit['public_keys'],
    lists = [ENTRY_LIST] as DoorKit['lists'],
    revoked = [] as DoorKit['revoked'],
  } = {},
): DoorKit {
  const hour = 3_600_000;
  return {
    event: {
      id: eventId,
      title: 'Night Jazz',
      venue: 'Blue Hall',
      status: 'published',
      timezone: 'Europe/Berlin',
      starts_at: new Date(now + hour).toISOString(),
      ends_at: new Date(now + 3 * hour).toISOString(),
      checkin_opens_at: new Date(now - hour).toISOString(),
      capacity: 100,
      allow_reentry: false,
    },
    public_keys: keys,
    tickets,
    lists,
    revoked,
    full: true,
    cursor: 'c1',
    server_time: new Date(now).toISOString(),
  };
}
