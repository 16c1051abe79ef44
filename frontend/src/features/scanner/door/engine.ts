/**
 * The door, in plain TypeScript: every scan's way from the camera (or keyboard, or search) to
 * a result on screen, with no React in it. A scan is de-duplicated, then decided by the
 * server (2 s at most) or, when the server is silent, by this device from its copy of the
 * door kit; the result is recorded (shown, beeped, kept among the recent ones); what got no
 * answer at all is queued and sent again; offline admissions are synced when the server is
 * back. Storage, API, clock, network and feedback are passed in (ports.ts), so all of it is
 * tested with fakes; React subscribes to `getState` (hooks/use-door-scanner.ts).
 */
import type { PendingScan } from '@/features/scanner/offline/door-db';
import { refreshKit, uploadPending } from '@/features/scanner/offline/door-sync';
import type { QueuedScan } from '@/features/scanner/utils/storage';
import { NETWORK_ERROR, toApiError, type ApiError } from '@/lib/errors';
import type { Counters, Direction, ValidateResult } from '@/types/api';

import { decideOnDevice, rememberServerAnswer, type DeviceScan } from './decide-on-device';
import { feedbackOf, isUndecided, outcomeOf } from './outcomes';
import type { DoorPorts } from './ports';
import { RepeatFilter } from './repeat-filter';
import { NamedTimers } from './timers';
import type { DoorState, LocalOutcome, Outcome, RecentScan, ScanInput } from './types';

/** A code is not sent again until it has been out of view for this long. */
export const DEDUP_WINDOW_MS = 3_000;
/** How long a result fills the view, unless the next scan replaces it. */
export const RESULT_VISIBLE_MS = 2_500;
/** While scans wait in the queue, send them again this often (and at once when online). */
export const QUEUE_RETRY_MS = 5_000;
/** Offline: ask the server this often whether it answers again. */
export const PROBE_INTERVAL_MS = 5_000;
/** Online: bring the kit up to date (by cursor) this often; a silent server means offline. */
export const KIT_REFRESH_MS = 20_000;
const RECENT_LIMIT = 10;

/** One scan on its way: what the recent list will say about it. */
interface Pass {
  seq: number;
  key: string;
  code: string;
  time: string;
  direction: Direction;
}

/**
 * How many of the waiting offline scans are a ticket's first admission: an entry whose
 * scan made the device's admission record (its first time in is that scan's time).
 */
async function firstEntries(
  store: DoorPorts['store'],
  eventId: number,
  pending: readonly PendingScan[],
): Promise<number> {
  const entries = pending.filter((scan) => scan.direction === 'in');
  const admissions = await Promise.all(
    entries.map((scan) => store.getAdmission(eventId, scan.ticketId)),
  );
  return entries.filter((scan, index) => admissions[index]?.firstAt === scan.scannedAt).length;
}

export class DoorEngine {
  readonly eventId: number;
  readonly gate: string;
  /** The check-in list scanned on; null: the event's Entry (sent as no list). */
  readonly listId: number | null;
  private readonly ports: DoorPorts;
  private state: DoorState;
  private readonly listeners = new Set<() => void>();
  private readonly repeats = new RepeatFilter(DEDUP_WINDOW_MS);
  /** Decisions on this device run one at a time: two scans of one ticket cannot both pass. */
  private onDevice: Promise<unknown> = Promise.resolve();
  private nextSeq = 0;
  private shownSeq = 0;
  private flushing = false;
  private syncing = false;
  private running = false;
  private readonly timers: NamedTimers;

  constructor(
    ports: DoorPorts,
    { eventId, gate, listId = null }: { eventId: number; gate: string; listId?: number | null },
  ) {
    this.ports = ports;
    this.timers = new NamedTimers(ports.clock);
    this.eventId = eventId;
    this.gate = gate;
    this.listId = listId;
    this.state = {
      mode: ports.network.isOnline() ? 'online' : 'offline',
      kit: null,
      kitError: null,
      pending: 0,
      unsynced: 0,
      synced: [],
      lastSync: null,
      queue: ports.queue.load(),
      current: null,
      repeated: null,
      recent: [],
      counters: null,
    };
  }

  // --- what the screen reads ---

  readonly getState = (): DoorState => this.state;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  private update(patch: Partial<DoorState>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }

  // --- life cycle ---

  /** Begin: what this device holds, the first kit update, scans left by an earlier visit. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.timers.start();
    this.timers.keep(
      'network',
      this.ports.network.subscribe((online) => {
        if (online) this.onOnline();
        else this.setMode('offline');
      }),
    );
    this.armModeTimer();
    this.armQueueRetry();
    void this.reloadLocal().then(() => {
      if (this.state.mode === 'online') void this.syncNow();
    });
    if (this.state.queue.length > 0) void this.flushQueue();
  }

  /** Stop every timer and listener; work already under way still finishes. */
  stop(): void {
    this.running = false;
    this.timers.stop();
  }

  // --- scanning ---

  /** A code from the camera, a handheld scanner or the keyboard; false when not sent. */
  submit(raw: string, direction: Direction): boolean {
    const code = raw.trim();
    if (!code) return false;
    const now = this.ports.clock.now();
    if (!this.repeats.repeated(code, now)) {
      void this.send({ code }, direction);
      return true;
    }
    // Said, not silent: staff who scan again see why nothing new happened.
    this.update({ repeated: { code, at: now } });
    this.timers.after('repeated', DEDUP_WINDOW_MS, () => {
      if (this.state.repeated?.at === now) this.update({ repeated: null });
    });
    return false;
  }

  /** Admit a ticket found by search (a manual check-in, logged as such). */
  checkIn(ticket: number, label: string, direction: Direction): void {
    void this.send({ ticket, label }, direction);
  }

  /** Clear the result on screen (not a check still under way). */
  dismiss(): void {
    if (this.state.current?.kind === 'checking') return;
    this.timers.cancel('result');
    this.update({ current: null });
  }

  private async send(scan: ScanInput, direction: Direction): Promise<void> {
    const pass: Pass = {
      seq: ++this.nextSeq,
      key: this.ports.newId(),
      code: scan.ticket === undefined ? scan.code : scan.label,
      time: new Date(this.ports.clock.now()).toISOString(),
      direction,
    };
    const request = scan.ticket === undefined ? { code: scan.code } : { ticket: scan.ticket };
    const local: DeviceScan = { ...request, direction, gate: this.gate, listId: this.listId };
    this.show(pass.seq, { kind: 'checking', code: pass.code });
    if (this.state.mode === 'offline' && (await this.tryOnDevice(pass, local))) return;
    try {
      const result = await this.ports.api.validate({
        ...request,
        event: this.eventId,
        gate: this.gate,
        direction,
        ...this.listParam(),
      });
      this.noteServerAnswer(result, this.eventId, this.gate);
      this.finish(pass, outcomeOf(pass.code, result));
    } catch (caught) {
      await this.undecided(pass, local, toApiError(caught), scan.ticket === undefined);
    }
  }

  /** The server did not decide: this device decides, or the code waits, or it is an error. */
  private async undecided(pass: Pass, local: DeviceScan, error: ApiError, isCode: boolean) {
    if (isUndecided(error)) {
      this.setMode('offline');
      if (await this.tryOnDevice(pass, local)) return;
      if (isCode) {
        this.enqueue(pass);
        this.finish(pass, { kind: 'queued', code: pass.code });
        return;
      }
    }
    this.finish(pass, { kind: 'error', code: pass.code, error });
  }

  private async tryOnDevice(pass: Pass, scan: DeviceScan): Promise<boolean> {
    const local = await this.decideHere(scan).catch(() => null);
    if (!local) return false;
    this.finish(pass, { kind: 'offline', code: pass.code, local });
    return true;
  }

  /** Decide from this device's copy (null when it has none), one decision at a time. */
  private decideHere(scan: DeviceScan): Promise<LocalOutcome | null> {
    const run = async () => {
      const decided = await decideOnDevice({
        store: this.ports.store,
        eventId: this.eventId,
        kit: this.state.kit,
        scan,
        now: this.ports.clock.now(),
        newId: this.ports.newId,
      });
      if (decided?.recorded) {
        const unsynced = this.state.unsynced + (decided.firstEntry ? 1 : 0);
        this.update({ pending: this.state.pending + 1, unsynced });
      }
      return decided?.outcome ?? null;
    };
    const result = this.onDevice.then(run, run);
    this.onDevice = result.catch(() => undefined);
    return result;
  }

  /** A decided (or queued) scan: beep, show it, keep it among the recent ones. */
  private finish(pass: Pass, outcome: RecentScan['outcome']): void {
    this.ports.feedback(feedbackOf(outcome));
    this.show(pass.seq, outcome);
    this.pushRecent({ key: pass.key, code: pass.code, time: pass.time, outcome, fromQueue: false });
  }

  /** Show an outcome unless a later scan's is already on screen; a result stays a moment. */
  private show(seq: number, outcome: Outcome): void {
    if (seq < this.shownSeq) return;
    this.shownSeq = seq;
    this.update({ current: { ...outcome, key: seq } });
    if (outcome.kind === 'checking') {
      this.timers.cancel('result');
      return;
    }
    this.timers.after('result', RESULT_VISIBLE_MS, () => {
      if (this.state.current?.key === seq) this.update({ current: null });
    });
  }

  private pushRecent(entry: RecentScan): void {
    const others = this.state.recent.filter((item) => item.key !== entry.key);
    this.update({ recent: [entry, ...others].slice(0, RECENT_LIMIT) });
  }

  /** Counters of an answer about `forEvent` (the queue may hold another event's scans). */
  private applyCounters(counters: Counters, forEvent: number): void {
    if (forEvent === this.eventId) this.update({ counters });
  }

  /** The live socket's counters. */
  noteCounters(counters: Counters): void {
    this.update({ counters });
  }

  /**
   * The server answered: it is online, its counters stand, and a ticket it admitted (now or
   * before) is remembered here, so the offline copy never admits it again.
   */
  /** The `list` of a request: none for Entry, so the server resolves it without a query. */
  private listParam(): { list?: number } {
    return this.listId === null ? {} : { list: this.listId };
  }

  private noteServerAnswer(
    result: ValidateResult,
    eventId: number,
    gate: string,
    listId: number | null = this.listId,
  ): void {
    this.goOnline();
    this.applyCounters(result.counters, eventId);
    const now = new Date(this.ports.clock.now());
    const { store } = this.ports;
    const list = this.state.kit?.lists?.find((known) => known.id === listId) ?? null;
    void rememberServerAnswer({ store, eventId, result, gate, now, list }).catch(() => undefined);
  }

  // --- the queue of scans that got no answer ---

  private updateQueue(change: (queue: QueuedScan[]) => QueuedScan[]): void {
    const queue = change(this.state.queue);
    this.ports.queue.save(queue);
    this.update({ queue });
    this.armQueueRetry();
  }

  private enqueue(pass: Pass): void {
    const known = (item: QueuedScan) => item.code === pass.code && item.event === this.eventId;
    if (this.state.queue.some(known)) return;
    const { key: id, code, time, direction } = pass;
    this.updateQueue((queue) => [
      ...queue,
      { id, code, event: this.eventId, gate: this.gate, direction, time, ...this.listParam() },
    ]);
  }

  private armQueueRetry(): void {
    const waiting = this.state.queue.length > 0;
    if (waiting && !this.timers.has('queue')) {
      this.timers.every('queue', QUEUE_RETRY_MS, () => void this.flushQueue());
    } else if (!waiting) {
      this.timers.cancel('queue');
    }
  }

  /** Send waiting scans in order; stop at the first that still gets no answer. */
  async flushQueue(): Promise<void> {
    if (this.flushing) return;
    this.flushing = true;
    try {
      for (const entry of [...this.state.queue]) {
        if (!(await this.resend(entry))) break;
      }
    } finally {
      this.flushing = false;
    }
  }

  /** One waiting scan, sent again; false when it must wait longer. */
  private async resend(entry: QueuedScan): Promise<boolean> {
    const { id: key, code, time } = entry;
    let outcome: RecentScan['outcome'];
    try {
      const { event, gate, direction, list } = entry;
      const listed = list == null ? {} : { list };
      const result = await this.ports.api.validate({ code, event, gate, direction, ...listed });
      this.noteServerAnswer(result, event, gate, list ?? null);
      // The true answer, even when a lost first attempt had already admitted the ticket:
      // the duplicate screen then shows this gate and time, and staff can tell.
      outcome = outcomeOf(code, result);
    } catch (caught) {
      const error = toApiError(caught);
      // Still no answer, or the session must be renewed first: keep it, try later.
      if (isUndecided(error) || error.status === 401) return false;
      outcome = { kind: 'error', code, error };
    }
    this.updateQueue((queue) => queue.filter((item) => item.id !== key));
    this.pushRecent({ key, code, time, outcome, fromQueue: true });
    return true;
  }

  // --- online, offline and keeping the copy in step ---

  private setMode(mode: DoorState['mode']): void {
    if (this.state.mode === mode) return;
    this.update({ mode });
    this.armModeTimer();
  }

  private goOnline(): void {
    if (this.state.mode === 'online') return;
    this.setMode('online');
    void this.syncNow();
  }

  /** Offline: ask whether the server answers again. Online: update the copy now and then. */
  private armModeTimer(): void {
    if (this.state.mode === 'offline') {
      this.timers.every('mode', PROBE_INTERVAL_MS, () => void this.probe());
    } else {
      this.timers.every('mode', KIT_REFRESH_MS, () => void this.syncNow());
    }
  }

  private async probe(): Promise<void> {
    if (await this.ports.api.serverAnswers()) this.goOnline();
  }

  private onOnline(): void {
    void this.probe();
    if (this.state.queue.length > 0) void this.flushQueue();
  }

  /** "Retry now": the waiting scans, then offline scans and the copy. */
  async retryNow(): Promise<void> {
    await Promise.all([this.flushQueue(), this.syncNow()]);
  }

  /** Upload offline scans, then bring the kit up to date. Silence from the server: offline. */
  async syncNow(): Promise<void> {
    if (this.syncing) return;
    this.syncing = true;
    try {
      const upload = await uploadPending(this.eventId, this.ports);
      const sent = upload.synced.length;
      if (sent > 0) {
        const conflicts = upload.synced.filter((scan) => scan.outcome !== 'accepted').length;
        const at = new Date(this.ports.clock.now()).toISOString();
        this.update({ lastSync: { at, sent, conflicts } });
      }
      if (upload.counters) this.applyCounters(upload.counters, this.eventId);
      this.update({ kit: await refreshKit(this.eventId, this.ports), kitError: null });
    } catch (caught) {
      const error = toApiError(caught);
      if (error.code === NETWORK_ERROR || error.status >= 500) this.setMode('offline');
      else this.update({ kitError: error.detail });
    } finally {
      this.syncing = false;
      await this.reloadLocal();
    }
  }

  /** What this device holds: its copy of the kit, scans waiting for sync, sync's answers. */
  private async reloadLocal(): Promise<void> {
    const { store } = this.ports;
    try {
      const [kit, pending, synced] = await Promise.all([
        store.getKit(this.eventId),
        store.listPending(this.eventId),
        store.listSynced(this.eventId),
      ]);
      const unsynced = await firstEntries(store, this.eventId, pending);
      this.update({ kit: kit ?? null, pending: pending.length, unsynced, synced });
    } catch {
      // No database here (private mode, an old browser): the server decides alone.
    }
  }
}
