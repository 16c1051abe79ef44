import { useCallback, useEffect, useRef, useState } from 'react';

import { validateTicket } from '@/features/scanner/api/validate-ticket';
import { useOfflineDoor, type LocalOutcome } from '@/features/scanner/hooks/use-offline-door';
import { playFeedback } from '@/features/scanner/utils/feedback';
import { loadQueue, saveQueue, type QueuedScan } from '@/features/scanner/utils/storage';
import { toApiError, type ApiError } from '@/lib/errors';
import { randomUuid } from '@/lib/uuid';
import type { Counters, Direction, ValidateResult } from '@/types/api';

/**
 * A code is not sent again until it has been out of view for this long: camera frames repeat
 * it many times a second, and a phone left pointing at a ticket must not flood the scan log
 * with duplicates (which the server would flag as a shared ticket).
 */
export const DEDUP_WINDOW_MS = 3_000;
/** How long a result fills the view, unless the next scan replaces it. */
export const RESULT_VISIBLE_MS = 2_500;
/** While scans wait, retry this often (and at once when the browser says it is online). */
export const QUEUE_RETRY_MS = 5_000;
export const RECENT_LIMIT = 10;

export type Outcome =
  | { kind: 'checking'; code: string }
  | { kind: 'accepted' | 'rejected'; code: string; result: ValidateResult }
  | { kind: 'queued'; code: string }
  | { kind: 'offline'; code: string; local: LocalOutcome }
  | { kind: 'error'; code: string; error: ApiError };

export type ShownOutcome = Outcome & { key: number };

export interface RecentScan {
  key: string;
  code: string;
  /** When it was scanned (ISO 8601). */
  time: string;
  outcome: Exclude<Outcome, { kind: 'checking' }>;
  /** Decided later, from the offline queue. */
  fromQueue: boolean;
}

/** No answer at all (offline, timeout) or a server in trouble: the scan is not decided. */
export function isUndecided(error: ApiError): boolean {
  return error.status === 0 || error.status >= 500;
}

function outcomeOf(code: string, result: ValidateResult): RecentScan['outcome'] {
  return { kind: result.status === 'accepted' ? 'accepted' : 'rejected', code, result };
}

/** A scan to decide: a scanned or typed code, or a ticket picked from search. */
export type ScanInput = { code: string; ticket?: undefined } | { ticket: number; label: string };

/**
 * The door scanner's brain: sends each code once (de-duplicated), shows its result, keeps
 * the last results of this device. When the server stays silent it decides from this
 * device's copy of the door kit (useOfflineDoor) and syncs later; without a copy it queues
 * the scan (memory + localStorage) to retry when the connection is back, never showing a
 * queued scan as admitted.
 */
export function useDoorScanner({
  eventId,
  gate,
  direction = 'in',
  onCounters,
}: {
  eventId: number;
  gate: string;
  direction?: Direction;
  onCounters: (counters: Counters, eventId: number) => void;
}) {
  const door = useOfflineDoor({ eventId, onCounters });
  const { decideLocally, markOffline, noteServerAnswer } = door;
  const [current, setCurrent] = useState<ShownOutcome | null>(null);
  const [repeated, setRepeated] = useState<{ code: string; at: number } | null>(null);
  const [recent, setRecent] = useState<RecentScan[]>([]);
  const [queue, setQueue] = useState<QueuedScan[]>(loadQueue);
  const queueRef = useRef(queue);
  const lastSent = useRef(new Map<string, number>());
  const shownSeq = useRef(0);
  const nextSeq = useRef(0);
  const flushing = useRef(false);
  const onCountersRef = useRef(onCounters);
  useEffect(() => {
    onCountersRef.current = onCounters;
  });

  const updateQueue = useCallback((update: (queue: QueuedScan[]) => QueuedScan[]) => {
    queueRef.current = update(queueRef.current);
    saveQueue(queueRef.current);
    setQueue(queueRef.current);
  }, []);

  const pushRecent = useCallback((entry: RecentScan) => {
    setRecent((list) =>
      [entry, ...list.filter((item) => item.key !== entry.key)].slice(0, RECENT_LIMIT),
    );
  }, []);

  /** Show an outcome unless a later scan's outcome is already on screen. */
  const show = useCallback((seq: number, outcome: Outcome) => {
    if (seq < shownSeq.current) return;
    shownSeq.current = seq;
    setCurrent({ ...outcome, key: seq });
  }, []);

  const send = useCallback(
    async (scan: ScanInput) => {
      const seq = ++nextSeq.current;
      const time = new Date().toISOString();
      const key = randomUuid();
      const code = scan.ticket === undefined ? scan.code : scan.label;
      const request = scan.ticket === undefined ? { code: scan.code } : { ticket: scan.ticket };
      show(seq, { kind: 'checking', code });

      const showLocal = (local: LocalOutcome) => {
        const outcome: Outcome = { kind: 'offline', code, local };
        playFeedback(local.decision.status === 'accepted' ? 'accepted' : 'rejected');
        show(seq, outcome);
        pushRecent({ key, code, time, outcome, fromQueue: false });
      };
      const tryLocally = async (): Promise<boolean> => {
        const local = await decideLocally({ ...request, direction, gate }).catch(() => null);
        if (local) showLocal(local);
        return local !== null;
      };

      if (door.mode === 'offline' && (await tryLocally())) return;
      try {
        const result = await validateTicket({ ...request, event: eventId, gate, direction });
        noteServerAnswer(result, gate);
        onCountersRef.current(result.counters, eventId);
        const outcome = outcomeOf(code, result);
        playFeedback(outcome.kind === 'accepted' ? 'accepted' : 'rejected');
        show(seq, outcome);
        pushRecent({ key, code, time, outcome, fromQueue: false });
      } catch (caught) {
        const error = toApiError(caught);
        if (isUndecided(error)) {
          markOffline();
          if (await tryLocally()) return;
        }
        if (isUndecided(error) && scan.ticket === undefined) {
          if (!queueRef.current.some((item) => item.code === code && item.event === eventId)) {
            updateQueue((list) => [
              ...list,
              { id: key, code, event: eventId, gate, direction, time },
            ]);
          }
          playFeedback('queued');
          show(seq, { kind: 'queued', code });
          pushRecent({ key, code, time, outcome: { kind: 'queued', code }, fromQueue: false });
        } else {
          playFeedback('rejected');
          show(seq, { kind: 'error', code, error });
          pushRecent({
            key,
            code,
            time,
            outcome: { kind: 'error', code, error },
            fromQueue: false,
          });
        }
      }
    },
    [
      decideLocally,
      direction,
      door.mode,
      eventId,
      gate,
      markOffline,
      noteServerAnswer,
      pushRecent,
      show,
      updateQueue,
    ],
  );

  /** Submit a code from the camera, a handheld scanner or the keyboard. */
  const submit = useCallback(
    (raw: string): boolean => {
      const code = raw.trim();
      if (!code) return false;
      const now = Date.now();
      for (const [sent, at] of lastSent.current) {
        if (now - at >= DEDUP_WINDOW_MS) lastSent.current.delete(sent);
      }
      const seen = lastSent.current.has(code);
      // Seen again: the window starts over, so a code kept in view is sent only once.
      lastSent.current.set(code, now);
      if (seen) {
        // Said, not silent: staff who scan again see why nothing new happened.
        setRepeated({ code, at: now });
        return false;
      }
      void send({ code });
      return true;
    },
    [send],
  );

  /** Admit a ticket found by search (a manual check-in, logged as such). */
  const checkInTicket = useCallback(
    (ticket: number, label: string) => {
      void send({ ticket, label });
    },
    [send],
  );

  // The "scanned again" note goes away once the code has been out of view for a moment.
  const repeatedAt = repeated?.at;
  useEffect(() => {
    if (repeatedAt === undefined) return;
    const timer = setTimeout(() => {
      setRepeated((shown) => (shown?.at === repeatedAt ? null : shown));
    }, DEDUP_WINDOW_MS);
    return () => {
      clearTimeout(timer);
    };
  }, [repeatedAt]);

  /** Send waiting scans in order; stop at the first that still gets no answer. */
  const flushQueue = useCallback(async () => {
    if (flushing.current) return;
    flushing.current = true;
    try {
      for (const entry of [...queueRef.current]) {
        try {
          const result = await validateTicket({
            code: entry.code,
            event: entry.event,
            gate: entry.gate,
            direction: entry.direction,
          });
          updateQueue((list) => list.filter((item) => item.id !== entry.id));
          noteServerAnswer(result, entry.gate);
          onCountersRef.current(result.counters, entry.event);
          // The true answer, even when a lost first attempt had already admitted the ticket:
          // the duplicate screen then shows this gate and time, and staff can tell.
          const outcome = outcomeOf(entry.code, result);
          pushRecent({
            key: entry.id,
            code: entry.code,
            time: entry.time,
            outcome,
            fromQueue: true,
          });
        } catch (caught) {
          const error = toApiError(caught);
          // Still no answer, or the session must be renewed first: keep it, try later.
          if (isUndecided(error) || error.status === 401) break;
          updateQueue((list) => list.filter((item) => item.id !== entry.id));
          pushRecent({
            key: entry.id,
            code: entry.code,
            time: entry.time,
            outcome: { kind: 'error', code: entry.code, error },
            fromQueue: true,
          });
        }
      }
    } finally {
      flushing.current = false;
    }
  }, [noteServerAnswer, pushRecent, updateQueue]);

  const waiting = queue.length;
  useEffect(() => {
    if (waiting === 0) return;
    const retry = () => void flushQueue();
    const interval = setInterval(retry, QUEUE_RETRY_MS);
    window.addEventListener('online', retry);
    return () => {
      clearInterval(interval);
      window.removeEventListener('online', retry);
    };
  }, [waiting, flushQueue]);

  // Scans left waiting by an earlier visit: try them as soon as the scanner opens.
  useEffect(() => {
    if (queueRef.current.length > 0) void flushQueue();
  }, [flushQueue]);

  // A result stays on screen for a moment, then the view is ready for the next person.
  const currentKey = current?.key;
  const currentKind = current?.kind;
  useEffect(() => {
    if (currentKey === undefined || currentKind === 'checking') return;
    const timer = setTimeout(() => {
      setCurrent((shown) => (shown?.key === currentKey ? null : shown));
    }, RESULT_VISIBLE_MS);
    return () => {
      clearTimeout(timer);
    };
  }, [currentKey, currentKind]);

  const dismiss = useCallback(() => {
    setCurrent((shown) => (shown?.kind === 'checking' ? shown : null));
  }, []);

  return {
    current,
    recent,
    queue,
    repeated,
    submit,
    checkInTicket,
    dismiss,
    retryNow: flushQueue,
    door,
  };
}
