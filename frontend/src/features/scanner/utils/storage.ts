/**
 * What a door device remembers between visits, in localStorage (none of it is secret):
 * its id, the event and gate it scans for, and the scans it could not send yet.
 */
import { randomUuid } from '@/lib/uuid';
import type { Direction } from '@/types/api';

export const EVENT_KEY = 'qe.scanner.event';
export const GATE_KEY = 'qe.scanner.gate';
export const QUEUE_KEY = 'qe.scanner.queue';
export const DEVICE_KEY = 'qe.scanner.device';
/** The id of a browser that cannot store one (some private modes): shared, so never sent. */
export const NO_STORAGE_DEVICE = 'no-storage';

export const DEFAULT_GATE = 'Main';
export const MAX_GATE_LENGTH = 64;

/** A scan that got no answer (offline, timeout, server down), waiting to be sent again. */
export interface QueuedScan {
  id: string;
  code: string;
  event: number;
  gate: string;
  direction: Direction;
  /** When it was scanned, ISO 8601. */
  time: string;
  /** The check-in list it was scanned on; absent: Entry. */
  list?: number;
}

// Storage can throw (private mode, quota, disabled): the scanner must keep working anyway.
function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function write(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // Memory still holds it for this visit.
  }
}

export function loadEventId(): number | null {
  const value = Number(read(EVENT_KEY));
  return Number.isInteger(value) && value > 0 ? value : null;
}

export function saveEventId(id: number): void {
  write(EVENT_KEY, String(id));
}

export function loadGate(): string {
  const gate = read(GATE_KEY)?.trim();
  return gate ? gate.slice(0, MAX_GATE_LENGTH) : DEFAULT_GATE;
}

export function saveGate(gate: string): void {
  write(GATE_KEY, gate);
}

function isQueuedScan(value: unknown): value is Omit<QueuedScan, 'direction'> & {
  direction?: Direction;
} {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Record<string, unknown>;
  return (
    typeof entry.id === 'string' &&
    typeof entry.code === 'string' &&
    typeof entry.event === 'number' &&
    typeof entry.gate === 'string' &&
    typeof entry.time === 'string'
  );
}

export function loadQueue(): QueuedScan[] {
  const raw = read(QUEUE_KEY);
  if (!raw) return [];
  try {
    const parsed: unknown = JSON.parse(raw);
    // Scans queued before re-entry existed carry no direction: they were entries.
    return Array.isArray(parsed)
      ? parsed.filter(isQueuedScan).map((scan) => ({ ...scan, direction: scan.direction ?? 'in' }))
      : [];
  } catch {
    return [];
  }
}

export function saveQueue(queue: readonly QueuedScan[]): void {
  if (queue.length === 0) {
    try {
      localStorage.removeItem(QUEUE_KEY);
    } catch {
      // Nothing to do.
    }
    return;
  }
  write(QUEUE_KEY, JSON.stringify(queue));
}

/** A stable id of this browser as a door device (sync tells its double taps from conflicts). */
export function deviceId(): string {
  try {
    const known = localStorage.getItem(DEVICE_KEY);
    if (known) return known;
    const id = randomUuid();
    localStorage.setItem(DEVICE_KEY, id);
    return id;
  } catch {
    return NO_STORAGE_DEVICE;
  }
}
