import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';

import { browserDoorPorts } from '@/features/scanner/door/browser-ports';
import { DoorEngine } from '@/features/scanner/door/engine';
import type { Counters, Direction } from '@/types/api';

/**
 * The door engine (door/engine.ts) for one event, gate and check-in list, as React state: the view re-renders
 * when the engine's state changes, and the engine runs while the view is mounted.
 */
export function useDoorScanner({
  eventId,
  gate,
  listId = null,
  direction = 'in',
}: {
  eventId: number;
  gate: string;
  /** The check-in list scanned on; null: Entry. */
  listId?: number | null;
  direction?: Direction;
}) {
  const [engine, setEngine] = useState(
    () => new DoorEngine(browserDoorPorts(), { eventId, gate, listId }),
  );
  if (engine.eventId !== eventId || engine.gate !== gate || engine.listId !== listId) {
    setEngine(new DoorEngine(browserDoorPorts(), { eventId, gate, listId }));
  }
  useEffect(() => {
    engine.start();
    return () => {
      engine.stop();
    };
  }, [engine]);
  const state = useSyncExternalStore(engine.subscribe, engine.getState);
  const actions = useMemo(
    () => ({
      /** A code from the camera, a handheld scanner or the keyboard; false when not sent. */
      submit: (raw: string) => engine.submit(raw, direction),
      /** Admit a ticket found by search. */
      checkInTicket: (ticket: number, label: string) => {
        engine.checkIn(ticket, label, direction);
      },
      dismiss: () => {
        engine.dismiss();
      },
      retryNow: () => engine.retryNow(),
      /** Counters from the live socket. */
      noteCounters: (counters: Counters) => {
        engine.noteCounters(counters);
      },
    }),
    [engine, direction],
  );
  return { ...state, ...actions };
}
