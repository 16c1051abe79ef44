/** The door engine's ports in a real browser: IndexedDB, localStorage, axios, timers. */
import { serverAnswers } from '@/features/scanner/api/check-server';
import { getDoorKit } from '@/features/scanner/api/get-door-kit';
import { syncScans } from '@/features/scanner/api/sync-scans';
import { SERVER_TIMEOUT_MS, validateTicket } from '@/features/scanner/api/validate-ticket';
import * as doorDb from '@/features/scanner/offline/door-db';
import { playFeedback } from '@/features/scanner/utils/feedback';
import { deviceId, loadQueue, saveQueue } from '@/features/scanner/utils/storage';
import { randomUuid } from '@/lib/uuid';

import type { Clock, DoorPorts, Network } from './ports';

// Timers are looked up when called, so tests that fake the global timers fake these too.
const browserClock: Clock = {
  now: () => Date.now(),
  after: (ms, callback) => {
    const id = setTimeout(callback, ms);
    return () => {
      clearTimeout(id);
    };
  },
  every: (ms, callback) => {
    const id = setInterval(callback, ms);
    return () => {
      clearInterval(id);
    };
  },
};

const browserNetwork: Network = {
  isOnline: () => {
    try {
      return navigator.onLine;
    } catch {
      return true;
    }
  },
  subscribe: (listener) => {
    const online = () => {
      listener(true);
    };
    const offline = () => {
      listener(false);
    };
    window.addEventListener('online', online);
    window.addEventListener('offline', offline);
    return () => {
      window.removeEventListener('online', online);
      window.removeEventListener('offline', offline);
    };
  },
};

export function browserDoorPorts(): DoorPorts {
  return {
    store: doorDb,
    queue: { load: loadQueue, save: saveQueue },
    api: {
      validate: validateTicket,
      sync: syncScans,
      doorKit: getDoorKit,
      serverAnswers: () => serverAnswers(SERVER_TIMEOUT_MS),
    },
    clock: browserClock,
    network: browserNetwork,
    feedback: playFeedback,
    deviceId,
    newId: randomUuid,
  };
}
