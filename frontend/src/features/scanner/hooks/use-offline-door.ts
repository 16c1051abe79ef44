import { useCallback, useEffect, useRef, useState } from 'react';

import { SERVER_TIMEOUT_MS } from '@/features/scanner/api/validate-ticket';
import { serverAnswers } from '@/features/scanner/api/check-server';
import {
  admissionAfter,
  decideCode,
  decideTicket,
  type OfflineDecision,
} from '@/features/scanner/offline/decide';
import {
  getAdmission,
  getKit,
  getTicket,
  getTicketByBackupCode,
  listPending,
  listSynced,
  recordAdmission,
  type KitRecord,
  type StoredTicket,
  type SyncedScan,
} from '@/features/scanner/offline/door-db';
import { refreshKit, uploadPending } from '@/features/scanner/offline/door-sync';
import {
  decodePublicKey,
  looksLikeTicketCode,
  normalizeCode,
  parseTicketCode,
} from '@/features/scanner/offline/ticket-code';
import { NETWORK_ERROR, toApiError } from '@/lib/errors';
import { randomUuid } from '@/lib/uuid';
import type { Counters, Direction, ValidateResult } from '@/types/api';

/** Offline: ask the server this often whether it answers again. */
export const PROBE_INTERVAL_MS = 5_000;
/** Online: bring the kit up to date (by cursor) this often; a silent server means offline. */
export const KIT_REFRESH_MS = 20_000;

export type ConnectionMode = 'online' | 'offline';

export interface LocalOutcome {
  decision: OfflineDecision;
  /** The title of the other event of a `wrong_event` code, if this device has its kit. */
  otherEventTitle: string | null;
}

export interface LastSync {
  at: string;
  sent: number;
  conflicts: number;
}

function initialMode(): ConnectionMode {
  try {
    return navigator.onLine ? 'online' : 'offline';
  } catch {
    return 'online';
  }
}

/**
 * The offline side of the door: this device's copy of the event's door kit (kept current by
 * cursor while online), the connection mode (offline by itself when the server stays silent
 * for 2 s, online again when it answers), local decisions while offline (recorded in
 * IndexedDB before they are shown), and the upload of those admissions through `sync`.
 */
export function useOfflineDoor({
  eventId,
  onCounters,
}: {
  eventId: number;
  onCounters: (counters: Counters, eventId: number) => void;
}) {
  const [mode, setMode] = useState<ConnectionMode>(initialMode);
  const [kit, setKit] = useState<KitRecord | null>(null);
  const [kitError, setKitError] = useState<string | null>(null);
  const [pending, setPending] = useState(0);
  const [synced, setSynced] = useState<SyncedScan[]>([]);
  const [lastSync, setLastSync] = useState<LastSync | null>(null);
  const modeRef = useRef(mode);
  const kitRef = useRef<KitRecord | null>(null);
  const busy = useRef(false);
  const chain = useRef<Promise<unknown>>(Promise.resolve());
  const onCountersRef = useRef(onCounters);
  useEffect(() => {
    onCountersRef.current = onCounters;
  });

  const changeMode = useCallback((next: ConnectionMode) => {
    modeRef.current = next;
    setMode(next);
  }, []);

  const markOffline = useCallback(() => {
    changeMode('offline');
  }, [changeMode]);

  const reloadLocal = useCallback(
    () =>
      Promise.all([getKit(eventId), listPending(eventId), listSynced(eventId)]).then(
        ([stored, waiting, done]) => {
          kitRef.current = stored ?? null;
          setKit(stored ?? null);
          setPending(waiting.length);
          setSynced(done);
        },
      ),
    [eventId],
  );

  /** Upload offline scans, then bring the kit up to date. Silence from the server: offline. */
  const syncNow = useCallback(async () => {
    if (busy.current) return;
    busy.current = true;
    try {
      const upload = await uploadPending(eventId);
      if (upload.synced.length > 0) {
        setLastSync({
          at: new Date().toISOString(),
          sent: upload.synced.length,
          conflicts: upload.synced.filter((scan) => scan.outcome !== 'accepted').length,
        });
      }
      if (upload.counters) onCountersRef.current(upload.counters, eventId);
      const fresh = await refreshKit(eventId);
      kitRef.current = fresh;
      setKit(fresh);
      setKitError(null);
    } catch (caught) {
      const error = toApiError(caught);
      if (error.code === NETWORK_ERROR || error.status >= 500) markOffline();
      else setKitError(error.detail);
    } finally {
      busy.current = false;
      await reloadLocal().catch(() => undefined);
    }
  }, [eventId, markOffline, reloadLocal]);

  const goOnline = useCallback(() => {
    if (modeRef.current === 'online') return;
    changeMode('online');
    void syncNow();
  }, [changeMode, syncNow]);

  // What this device already holds, then (online) the first update.
  useEffect(() => {
    void reloadLocal()
      .catch(() => undefined)
      .then(() => {
        if (modeRef.current === 'online') void syncNow();
      });
  }, [reloadLocal, syncNow]);

  useEffect(() => {
    const onOffline = () => {
      markOffline();
    };
    const onOnline = () => {
      void serverAnswers(SERVER_TIMEOUT_MS).then((answers) => {
        if (answers) goOnline();
      });
    };
    window.addEventListener('offline', onOffline);
    window.addEventListener('online', onOnline);
    return () => {
      window.removeEventListener('offline', onOffline);
      window.removeEventListener('online', onOnline);
    };
  }, [goOnline, markOffline]);

  useEffect(() => {
    if (mode === 'offline') {
      const timer = setInterval(() => {
        void serverAnswers(SERVER_TIMEOUT_MS).then((answers) => {
          if (answers) goOnline();
        });
      }, PROBE_INTERVAL_MS);
      return () => {
        clearInterval(timer);
      };
    }
    const timer = setInterval(() => void syncNow(), KIT_REFRESH_MS);
    return () => {
      clearInterval(timer);
    };
  }, [mode, goOnline, syncNow]);

  /**
   * Decide from this device's copy (null when it has none). Decisions run one at a time, so
   * two scans of one ticket in the same instant cannot both pass; an admission is written
   * to IndexedDB (with its place in the sync queue) before it is shown.
   */
  const decideLocally = useCallback(
    (scan: { code?: string; ticket?: number; direction: Direction; gate: string }) => {
      const run = async (): Promise<LocalOutcome | null> => {
        const stored = kitRef.current ?? (await getKit(eventId)) ?? null;
        if (!stored) return null;
        const keys = new Map<number, Uint8Array>();
        for (const { id, key } of stored.keys) {
          const raw = decodePublicKey(key);
          if (raw) keys.set(id, raw);
        }
        let ticket: StoredTicket | undefined;
        let ticketId: number | null = scan.ticket ?? null;
        if (scan.code !== undefined) {
          if (looksLikeTicketCode(scan.code)) {
            ticketId = parseTicketCode(scan.code)?.ticketId ?? null;
          } else {
            ticket = await getTicketByBackupCode(
              eventId,
              normalizeCode(scan.code).replace(/[\s-]/g, ''),
            );
            ticketId = ticket?.id ?? null;
          }
        }
        if (ticketId !== null) ticket ??= await getTicket(eventId, ticketId);
        const admission = ticketId !== null ? await getAdmission(eventId, ticketId) : undefined;
        const now = new Date(Date.now() + stored.clockOffsetMs);
        const input = {
          window: stored.window,
          keys,
          direction: scan.direction,
          now,
          ticketById: (id: number) => (id === ticketId ? ticket : undefined),
          ticketByBackupCode: () => ticket,
          admissionOf: (id: number) => (id === ticketId ? admission : undefined),
        };
        let decision: OfflineDecision;
        if (scan.code !== undefined) decision = decideCode(scan.code, input);
        else if (ticket) decision = decideTicket(ticket, 'manual', input);
        else return null;

        if (decision.status === 'accepted' && decision.ticket) {
          const at = now.toISOString();
          await recordAdmission(
            {
              eventId,
              ...admissionAfter(admission, decision.ticket.id, scan.direction, scan.gate, at),
            },
            {
              clientScanId: randomUuid(),
              eventId,
              code: decision.method === 'qr' ? (scan.code ?? null) : null,
              ticketId: decision.ticket.id,
              holderName: decision.ticket.holderName,
              gate: scan.gate,
              direction: scan.direction,
              scannedAt: at,
            },
          );
          setPending((count) => count + 1);
        }
        let otherEventTitle: string | null = null;
        if (decision.otherEventId !== null) {
          otherEventTitle = (await getKit(decision.otherEventId))?.title ?? null;
        }
        return { decision, otherEventTitle };
      };
      const result = chain.current.then(run, run);
      chain.current = result.catch(() => undefined);
      return result;
    },
    [eventId],
  );

  /** Remember what the server said about a ticket, so the offline copy never admits it again. */
  const noteServerAnswer = useCallback(
    (result: ValidateResult, gate: string) => {
      goOnline();
      const ticket = result.ticket;
      if (!ticket) return;
      const admitted = result.status === 'accepted' || result.reason === 'duplicate';
      if (!admitted) return;
      void getAdmission(eventId, ticket.id)
        .then((previous) =>
          recordAdmission(
            {
              eventId,
              ticketId: ticket.id,
              firstAt:
                previous?.firstAt ??
                result.first_checked_in_at ??
                result.checked_in_at ??
                new Date().toISOString(),
              firstGate: previous?.firstGate ?? result.first_gate ?? gate,
              inside: result.status === 'accepted' ? result.direction === 'in' : true,
            },
            null,
          ),
        )
        .catch(() => undefined);
    },
    [eventId, goOnline],
  );

  return {
    mode,
    kit,
    kitError,
    pending,
    synced,
    lastSync,
    markOffline,
    decideLocally,
    noteServerAnswer,
    syncNow,
  };
}
