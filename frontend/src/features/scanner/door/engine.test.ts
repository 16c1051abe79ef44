import {
  DEDUP_WINDOW_MS,
  DoorEngine,
  KIT_REFRESH_MS,
  PROBE_INTERVAL_MS,
  QUEUE_RETRY_MS,
  RESULT_VISIBLE_MS,
} from '@/features/scanner/door/engine';
import { ApiError } from '@/lib/errors';
import type { QueuedScan } from '@/features/scanner/utils/storage';
import type { SyncOutcome, SyncRequest, ValidateResult } from '@/types/api';
import { doorKitTicket, fakeDoorPorts, makeDoorKit, noAnswer } from '@/testing/door-fakes';
import { makeCounters, makeValidateResult } from '@/testing/test-utils';

// Codes signed by the server's own code (see offline/ticket-code.test.ts): event 7.
const KEY_1 = 'A6EHv/POEL4dcN0Y50vAmWfk1jCbpQ1fHdyGZBJVMbg=';
const TICKET_42 =
  'QE1-AEDSUFYNKRKEQ7TH6MMB4S6TFR5TJN4XU3TDPFGXFVCNETSF26R6UMRKX3UBX36G6ECQJDPRDZSNCSUVSLVJWIOYOITIIVV6BZO2NBP3CEGQ';
const TICKET_300 =
  'QE1-AED2YATI2PEW2Z2DP73QPOGCHH7JIAMU4HCRDNVQIRTNWEM7SBM3Y67RIIPJIPV6C6DF6PTMU365OCEHSWHYKSSKQKCDK4XR44PV5DQQ4P5AU';
const FORGED = `${TICKET_42.slice(0, -4)}AAAA`;

type Ports = ReturnType<typeof fakeDoorPorts>;

/** Let the promises under way settle (the fake clock does not move). */
function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

function setup(options: Parameters<typeof fakeDoorPorts>[0] = {}) {
  const ports = fakeDoorPorts(options);
  const engine = new DoorEngine(ports, { eventId: 7, gate: 'North' });
  return { ports, engine, state: () => engine.getState() };
}

/** The kit of event 7 with tickets 42 (K7M2QX9P) and 300 (ABCD2345), served by the API. */
function serveKit(ports: Ports) {
  ports.api.doorKit.mockResolvedValue(
    makeDoorKit(ports.clock.now(), {
      tickets: [doorKitTicket(42, 'K7M2QX9P', 'Gina Guest'), doorKitTicket(300, 'ABCD2345', 'Hal')],
      keys: [{ id: 1, key: KEY_1 }],
    }),
  );
}

/** Start with the kit on the device, then lose the network (validate gets no answer). */
async function startWithKit(options: Parameters<typeof fakeDoorPorts>[0] = {}) {
  const door = setup(options);
  serveKit(door.ports);
  door.engine.start();
  await vi.waitFor(() => {
    expect(door.state().kit?.ticketCount).toBe(2);
  });
  door.ports.api.validate.mockRejectedValue(noAnswer());
  return door;
}

function accepted(overrides: Partial<ValidateResult> = {}): ValidateResult {
  return makeValidateResult({ counters: makeCounters({ checked_in: 3 }), ...overrides });
}

describe('DoorEngine online', () => {
  it('sends a code to the server and shows, beeps and keeps its answer', async () => {
    const { ports, engine, state } = setup();
    ports.api.validate.mockResolvedValue(accepted());
    engine.start();

    expect(engine.submit('  QR1.abc ', 'in')).toBe(true);
    expect(state().current).toMatchObject({ kind: 'checking', code: 'QR1.abc' });
    await vi.waitFor(() => {
      expect(state().current?.kind).toBe('accepted');
    });
    expect(ports.api.validate).toHaveBeenCalledWith({
      code: 'QR1.abc',
      event: 7,
      gate: 'North',
      direction: 'in',
    });
    expect(ports.feedback).toHaveBeenCalledWith('accepted');
    expect(state().recent).toEqual([
      expect.objectContaining({
        code: 'QR1.abc',
        fromQueue: false,
        outcome: expect.objectContaining({ kind: 'accepted' }) as unknown,
      }),
    ]);
    expect(state().counters).toEqual(makeCounters({ checked_in: 3 }));
    // The admission is remembered, so this device never admits the ticket offline again.
    await vi.waitFor(() => {
      expect(ports.store.admissions.get('7:7')).toMatchObject({ firstGate: 'North' });
    });

    // The result goes after a moment; the recent list keeps it.
    ports.clock.advance(RESULT_VISIBLE_MS);
    expect(state().current).toBeNull();
    expect(state().recent).toHaveLength(1);
  });

  it('shows a rejection with a low buzz, and remembers a duplicate as admitted', async () => {
    const { ports, engine, state } = setup();
    ports.api.validate.mockResolvedValue(
      makeValidateResult({
        status: 'rejected',
        reason: 'duplicate',
        first_gate: 'South',
        first_checked_in_at: '2099-06-12T18:00:00Z',
      }),
    );
    engine.start();
    engine.submit('QR1.again', 'in');
    await vi.waitFor(() => {
      expect(state().current?.kind).toBe('rejected');
    });
    expect(ports.feedback).toHaveBeenCalledWith('rejected');
    await vi.waitFor(() => {
      expect(ports.store.admissions.get('7:7')).toMatchObject({
        firstGate: 'South',
        firstAt: '2099-06-12T18:00:00Z',
      });
    });
  });

  it('shows an error answer in words and neither queues it nor goes offline', async () => {
    const { ports, engine, state } = setup();
    serveKit(ports);
    ports.api.validate.mockRejectedValue(
      new ApiError(403, { code: 'permission_denied', detail: 'Not door staff.' }),
    );
    engine.start();
    engine.submit('QR1.abc', 'in');
    await vi.waitFor(() => {
      expect(state().current?.kind).toBe('error');
    });
    expect(state().queue).toEqual([]);
    expect(ports.queue.saved).toEqual([]);
    expect(state().mode).toBe('online');
    expect(ports.feedback).toHaveBeenCalledWith('rejected');
  });

  it('admits a ticket picked from search by its id, labelled by name', async () => {
    const { ports, engine, state } = setup();
    ports.api.validate.mockResolvedValue(accepted());
    engine.start();
    engine.checkIn(300, 'Hal (#300)', 'in');
    await vi.waitFor(() => {
      expect(state().current).toMatchObject({ kind: 'accepted', code: 'Hal (#300)' });
    });
    expect(ports.api.validate).toHaveBeenCalledWith({
      ticket: 300,
      event: 7,
      gate: 'North',
      direction: 'in',
    });
  });

  it('keeps the later scan on screen when an earlier answer comes last', async () => {
    const { ports, engine, state } = setup();
    let answerFirst: (result: ValidateResult) => void = () => undefined;
    ports.api.validate
      .mockImplementationOnce(
        () =>
          new Promise((resolve) => {
            answerFirst = resolve;
          }),
      )
      .mockResolvedValueOnce(accepted({ scan_id: 2 }));
    engine.start();
    engine.submit('QR1.first', 'in');
    engine.submit('QR1.second', 'in');
    await vi.waitFor(() => {
      expect(state().current).toMatchObject({ kind: 'accepted', code: 'QR1.second' });
    });
    answerFirst(makeValidateResult({ status: 'rejected', reason: 'fake' }));
    await vi.waitFor(() => {
      expect(state().recent).toHaveLength(2);
    });
    expect(state().current).toMatchObject({ code: 'QR1.second' });
  });

  it('stays current: the socket counters, and a kit update every 20 s by cursor', async () => {
    const { ports, engine, state } = setup();
    serveKit(ports);
    engine.start();
    await vi.waitFor(() => {
      expect(state().kit?.cursor).toBe('c1');
    });
    expect(ports.api.doorKit).toHaveBeenLastCalledWith(7, null);

    engine.noteCounters(makeCounters({ checked_in: 9 }));
    expect(state().counters?.checked_in).toBe(9);

    ports.clock.advance(KIT_REFRESH_MS);
    await vi.waitFor(() => {
      expect(ports.api.doorKit).toHaveBeenLastCalledWith(7, 'c1');
    });
  });

  it('says why the copy cannot be updated when the server refuses it', async () => {
    const { ports, engine, state } = setup();
    ports.api.doorKit.mockRejectedValue(
      new ApiError(403, { code: 'permission_denied', detail: 'Not door staff.' }),
    );
    engine.start();
    await vi.waitFor(() => {
      expect(state().kitError).toBe('Not door staff.');
    });
    expect(state().mode).toBe('online');
  });
});

describe('DoorEngine de-duplication', () => {
  it('sends a code once while it stays in view, and again 3 s after it was last seen', async () => {
    const { ports, engine, state } = setup();
    ports.api.validate.mockResolvedValue(accepted());
    engine.start();

    expect(engine.submit('QR1.same', 'in')).toBe(true);
    ports.clock.advance(2_000);
    expect(engine.submit('QR1.same', 'in')).toBe(false);
    // Said, not silent.
    expect(state().repeated).toMatchObject({ code: 'QR1.same' });
    ports.clock.advance(500);
    expect(engine.submit('QR1.other', 'in')).toBe(true);
    // 3.1 s after it was sent, but only 1.1 s after it was last seen: still in view.
    ports.clock.advance(600);
    expect(engine.submit('QR1.same', 'in')).toBe(false);
    // Out of view for the whole window: the notice goes, and the code is a new scan.
    ports.clock.advance(DEDUP_WINDOW_MS);
    expect(state().repeated).toBeNull();
    expect(engine.submit('QR1.same', 'in')).toBe(true);

    await vi.waitFor(() => {
      expect(ports.api.validate).toHaveBeenCalledTimes(3);
    });
    expect(ports.api.validate.mock.calls.map(([request]) => request.code)).toEqual([
      'QR1.same',
      'QR1.other',
      'QR1.same',
    ]);
  });

  it('ignores an empty code', () => {
    const { engine, state } = setup();
    expect(engine.submit('   ', 'in')).toBe(false);
    expect(state().current).toBeNull();
  });
});

describe('DoorEngine offline', () => {
  it('decides on this device when the server stays silent, and stays offline', async () => {
    const { ports, engine, state } = await startWithKit();

    engine.submit(TICKET_42, 'in');
    await vi.waitFor(() => {
      expect(state().current?.kind).toBe('offline');
    });
    expect(state().mode).toBe('offline');
    expect(state().current).toMatchObject({
      local: {
        decision: { status: 'accepted', method: 'qr', ticket: { holderName: 'Gina Guest' } },
      },
    });
    expect(ports.feedback).toHaveBeenLastCalledWith('accepted');
    expect(state().pending).toBe(1);
    expect([...ports.store.outbox.values()]).toEqual([
      expect.objectContaining({ code: TICKET_42, ticketId: 42, gate: 'North', direction: 'in' }),
    ]);

    // Offline now: the next scans are decided here at once, without asking the server.
    const asked = ports.api.validate.mock.calls.length;
    engine.submit(FORGED, 'in');
    await vi.waitFor(() => {
      expect(state().current).toMatchObject({ local: { decision: { reason: 'fake' } } });
    });
    engine.submit('k7m2-qx9p', 'in');
    await vi.waitFor(() => {
      expect(state().current).toMatchObject({
        local: { decision: { reason: 'duplicate', method: 'backup_code' } },
      });
    });
    expect(ports.feedback).toHaveBeenLastCalledWith('rejected');
    expect(ports.api.validate).toHaveBeenCalledTimes(asked);
    expect(state().pending).toBe(1);
  });

  it('admits a search pick offline by its ticket, sent to sync without a code', async () => {
    const { ports, engine, state } = await startWithKit({});
    ports.network.set(false);
    expect(state().mode).toBe('offline');

    engine.checkIn(300, 'Hal (#300)', 'in');
    await vi.waitFor(() => {
      expect(state().current).toMatchObject({
        kind: 'offline',
        local: { decision: { status: 'accepted', method: 'manual' } },
      });
    });
    expect([...ports.store.outbox.values()]).toEqual([
      expect.objectContaining({ code: null, ticketId: 300 }),
    ]);
  });

  it('never lets two scans of one ticket in at the same instant', async () => {
    const { engine, state } = await startWithKit();
    engine.submit(TICKET_300, 'in');
    engine.submit('ABCD2345', 'in');
    await vi.waitFor(() => {
      expect(state().recent).toHaveLength(2);
    });
    const statuses = state().recent.map((scan) =>
      scan.outcome.kind === 'offline' ? scan.outcome.local.decision.status : scan.outcome.kind,
    );
    expect(statuses.sort()).toEqual(['accepted', 'rejected']);
    expect(state().pending).toBe(1);
  });

  it('goes offline by itself when the browser says so, and probes until the server answers', async () => {
    const { ports, engine, state } = await startWithKit();
    ports.network.set(false);
    expect(state().mode).toBe('offline');

    ports.clock.advance(PROBE_INTERVAL_MS);
    await vi.waitFor(() => {
      expect(ports.api.serverAnswers).toHaveBeenCalledTimes(1);
    });
    expect(state().mode).toBe('offline');

    ports.api.serverAnswers.mockResolvedValue(true);
    ports.clock.advance(PROBE_INTERVAL_MS);
    await vi.waitFor(() => {
      expect(state().mode).toBe('online');
    });
    engine.stop();
  });
});

describe('DoorEngine sync', () => {
  async function admitFourOffline() {
    const door = await startWithKit();
    const { engine, state, ports } = door;
    // Four tickets this device admits offline, in order.
    ports.store.tickets.set('7:500', {
      eventId: 7,
      id: 500,
      backupCode: 'EFGH2345',
      holderName: 'Ida',
      status: 'valid',
      checkedInAt: null,
      inside: false,
    });
    ports.store.tickets.set('7:600', {
      eventId: 7,
      id: 600,
      backupCode: 'JKLM2345',
      holderName: 'Jo',
      status: 'valid',
      checkedInAt: null,
      inside: false,
    });
    for (const code of [TICKET_42, TICKET_300, 'EFGH2345', 'JKLM2345']) {
      engine.submit(code, 'in');
      ports.clock.advance(1_000);
      await vi.waitFor(() => {
        expect(state().current?.kind).toBe('offline');
      });
    }
    expect(state().pending).toBe(4);
    expect(state().unsynced).toBe(4);
    return door;
  }

  it('uploads offline admissions when back online, and shows each outcome', async () => {
    const { ports, state } = await admitFourOffline();
    const outcomes: SyncOutcome[] = ['accepted', 'offline_conflict', 'duplicate', 'rejected'];
    ports.api.sync.mockImplementation((request: SyncRequest) =>
      Promise.resolve({
        event: 7,
        device_id: request.device_id,
        counters: makeCounters({ checked_in: 30 }),
        results: request.scans.map((scan, index) => ({
          client_scan_id: scan.client_scan_id,
          outcome: outcomes[index]!,
          reason: index === 3 ? 'cancelled' : null,
          scan_id: 100 + index,
          direction: 'in' as const,
          scanned_at: scan.scanned_at,
          ticket: null,
        })),
      }),
    );
    ports.api.serverAnswers.mockResolvedValue(true);

    ports.network.set(true);
    await vi.waitFor(() => {
      expect(state().lastSync).toMatchObject({ sent: 4, conflicts: 3 });
    });
    expect(state().mode).toBe('online');
    expect(state().pending).toBe(0);
    // Synced: the server's figure counts them now, none is added on top.
    expect(state().unsynced).toBe(0);
    expect(state().counters?.checked_in).toBe(30);
    expect(Object.fromEntries(state().synced.map((scan) => [scan.ticketId, scan.outcome]))).toEqual(
      { 42: 'accepted', 300: 'offline_conflict', 500: 'duplicate', 600: 'rejected' },
    );
    expect(state().synced.find((scan) => scan.ticketId === 600)?.detail).toBe('cancelled');

    const [request] = ports.api.sync.mock.calls[0]!;
    expect(request.device_id).toBe('device-1');
    expect(request.scans).toEqual([
      expect.objectContaining({ code: TICKET_42, gate: 'North', direction: 'in' }),
      expect.objectContaining({ code: TICKET_300 }),
      expect.objectContaining({ ticket: 500 }),
      expect.objectContaining({ ticket: 600 }),
    ]);
    // After the upload, the copy is brought up to date from its cursor.
    expect(ports.api.doorKit).toHaveBeenLastCalledWith(7, 'c1');
  });

  it('keeps what the server did not answer for, and sends it with the next sync', async () => {
    const { ports, engine, state } = await admitFourOffline();
    ports.api.sync.mockImplementationOnce((request: SyncRequest) =>
      Promise.resolve({
        event: 7,
        device_id: request.device_id,
        counters: makeCounters(),
        results: request.scans.slice(0, 1).map((scan) => ({
          client_scan_id: scan.client_scan_id,
          outcome: 'accepted' as const,
          reason: null,
          scan_id: 1,
          direction: 'in' as const,
          scanned_at: scan.scanned_at,
          ticket: null,
        })),
      }),
    );
    await engine.retryNow();
    expect(state().pending).toBe(3);
    expect(state().unsynced).toBe(3);
    expect(state().lastSync).toMatchObject({ sent: 1, conflicts: 0 });
  });
});

describe('DoorEngine offline counters', () => {
  it('counts first admissions made offline as not yet synced, not repeats or exits', async () => {
    const { ports, engine, state } = await startWithKit();
    engine.noteCounters(makeCounters({ checked_in: 7, tickets_sold: 10 }));
    for (const code of [TICKET_42, TICKET_300]) {
      engine.submit(code, 'in');
      ports.clock.advance(1_000);
      await vi.waitFor(() => {
        expect(state().current?.kind).toBe('offline');
      });
    }
    expect(state().unsynced).toBe(2);
    // The same ticket again (after the repeat window): refused, nothing more to count.
    ports.clock.advance(DEDUP_WINDOW_MS);
    engine.submit(TICKET_42, 'in');
    await vi.waitFor(() => {
      expect(state().current).toMatchObject({ kind: 'offline', code: TICKET_42 });
    });
    await settle();
    expect(state().pending).toBe(2);
    expect(state().unsynced).toBe(2);
    // The server's counters stand apart: the screen adds the two (9 / 10, 2 not yet synced).
    expect(state().counters?.checked_in).toBe(7);
    engine.stop();
  });

  it('counts them again from the device database after a reload', async () => {
    const { ports, engine, state } = await startWithKit();
    engine.submit('ABCD-2345', 'in');
    await vi.waitFor(() => {
      expect(state().current?.kind).toBe('offline');
    });
    engine.stop();

    const reloaded = new DoorEngine(ports, { eventId: 7, gate: 'North' });
    reloaded.start();
    await vi.waitFor(() => {
      expect(reloaded.getState().pending).toBe(1);
    });
    expect(reloaded.getState().unsynced).toBe(1);
    reloaded.stop();
  });
});

describe('DoorEngine queue', () => {
  it('queues a code that gets no answer and no copy to decide it, never as admitted', async () => {
    const { ports, engine, state } = setup();
    engine.start();
    engine.submit('QR1.lost', 'in');
    await vi.waitFor(() => {
      expect(state().current?.kind).toBe('queued');
    });
    expect(ports.feedback).toHaveBeenCalledWith('queued');
    expect(state().queue).toEqual([
      expect.objectContaining({ code: 'QR1.lost', event: 7, gate: 'North', direction: 'in' }),
    ]);
    expect(ports.queue.saved).toEqual(state().queue);

    // The same code again (after the window) is not queued twice.
    ports.clock.advance(DEDUP_WINDOW_MS);
    engine.submit('QR1.lost', 'in');
    await vi.waitFor(() => {
      expect(ports.api.validate).toHaveBeenCalledTimes(2);
    });
    expect(state().queue).toHaveLength(1);
  });

  it('does not queue a search pick that got no answer: it says so', async () => {
    const { engine, state } = setup();
    engine.start();
    engine.checkIn(300, 'Hal (#300)', 'in');
    await vi.waitFor(() => {
      expect(state().current?.kind).toBe('error');
    });
    expect(state().queue).toEqual([]);
  });

  it('retries every 5 s while scans wait, and shows their answers as checked later', async () => {
    const { ports, engine, state } = setup();
    engine.start();
    engine.submit('QR1.lost', 'in');
    await vi.waitFor(() => {
      expect(state().queue).toHaveLength(1);
    });

    ports.clock.advance(QUEUE_RETRY_MS);
    await vi.waitFor(() => {
      expect(ports.api.validate).toHaveBeenCalledTimes(2);
    });
    await settle();
    expect(state().queue).toHaveLength(1);

    ports.api.validate.mockResolvedValue(accepted());
    ports.clock.advance(QUEUE_RETRY_MS);
    await vi.waitFor(() => {
      expect(state().queue).toEqual([]);
    });
    expect(ports.queue.saved).toEqual([]);
    expect(state().recent[0]).toMatchObject({ code: 'QR1.lost', fromQueue: true });
    expect(state().recent[0]?.outcome.kind).toBe('accepted');
    // Nothing waits: no more retries.
    ports.clock.advance(QUEUE_RETRY_MS);
    expect(ports.api.validate).toHaveBeenCalledTimes(3);
  });

  it('sends scans left by an earlier visit at once, and again when the browser is online', async () => {
    const left: QueuedScan = {
      id: 'q1',
      code: 'QR1.old',
      event: 7,
      gate: 'South',
      direction: 'in',
      time: '2099-06-12T18:00:00Z',
    };
    const { ports, engine, state } = setup({ queue: [left] });
    expect(state().queue).toEqual([left]);
    engine.start();
    await vi.waitFor(() => {
      expect(ports.api.validate).toHaveBeenCalledWith({
        code: 'QR1.old',
        event: 7,
        gate: 'South',
        direction: 'in',
      });
    });
    await settle();
    expect(state().queue).toHaveLength(1);

    ports.api.validate.mockResolvedValue(
      makeValidateResult({ status: 'rejected', reason: 'cancelled' }),
    );
    ports.network.set(true);
    await vi.waitFor(() => {
      expect(state().queue).toEqual([]);
    });
    expect(state().recent[0]).toMatchObject({
      key: 'q1',
      fromQueue: true,
      outcome: { kind: 'rejected' },
    });
  });

  it('keeps a waiting scan when the session must be renewed first (401)', async () => {
    const { ports, engine, state } = setup();
    engine.start();
    engine.submit('QR1.lost', 'in');
    await vi.waitFor(() => {
      expect(state().queue).toHaveLength(1);
    });
    ports.api.validate.mockRejectedValue(
      new ApiError(401, { code: 'not_authenticated', detail: 'Sign in.' }),
    );
    await engine.flushQueue();
    expect(state().queue).toHaveLength(1);

    // Any other refusal is final: it leaves the queue, said as an error.
    ports.api.validate.mockRejectedValue(
      new ApiError(403, { code: 'permission_denied', detail: 'Not door staff.' }),
    );
    await engine.flushQueue();
    expect(state().queue).toEqual([]);
    expect(state().recent[0]?.outcome.kind).toBe('error');
  });
});

describe('DoorEngine life cycle', () => {
  it('notifies subscribers of each change, and stops its timers and listeners', async () => {
    const { ports, engine } = setup();
    const listener = vi.fn();
    const unsubscribe = engine.subscribe(listener);
    engine.start();
    expect(ports.network.listening).toBe(1);
    expect(ports.clock.pending).toBeGreaterThan(0);
    await vi.waitFor(() => {
      expect(listener).toHaveBeenCalled();
    });

    engine.stop();
    expect(ports.network.listening).toBe(0);
    expect(ports.clock.pending).toBe(0);
    unsubscribe();
    listener.mockClear();
    engine.noteCounters(makeCounters());
    expect(listener).not.toHaveBeenCalled();
  });

  it('clears the result on dismiss, but not a check under way', async () => {
    const { ports, engine, state } = setup();
    ports.api.validate.mockImplementation(() => new Promise(() => undefined));
    engine.start();
    engine.submit('QR1.slow', 'in');
    engine.dismiss();
    expect(state().current?.kind).toBe('checking');

    const done = setup();
    done.ports.api.validate.mockResolvedValue(accepted());
    done.engine.start();
    done.engine.submit('QR1.abc', 'in');
    await vi.waitFor(() => {
      expect(done.state().current?.kind).toBe('accepted');
    });
    done.engine.dismiss();
    expect(done.state().current).toBeNull();
  });
});
