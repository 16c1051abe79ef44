/**
 * What a signed-in user's pages keep on this device to open with no network (My tickets and
 * their QR codes), in IndexedDB, always under the user's id: one user of a shared browser
 * never reads another's. Signing out (or a session that ends) removes all of it, and runs
 * the clean-ups features register for their own offline data (the door kits).
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';

export const USER_CACHE_DB = 'qe-user-cache';

export interface SavedEntry<T> {
  userId: number;
  key: string;
  value: T;
  /** When the server sent it (ISO 8601): pages say how old an offline copy is. */
  savedAt: string;
}

interface UserCacheSchema extends DBSchema {
  entries: { key: [number, string]; value: SavedEntry<unknown> };
}

let dbPromise: Promise<IDBPDatabase<UserCacheSchema>> | null = null;

function open(): Promise<IDBPDatabase<UserCacheSchema>> {
  dbPromise ??= openDB<UserCacheSchema>(USER_CACHE_DB, 1, {
    upgrade(db) {
      db.createObjectStore('entries', { keyPath: ['userId', 'key'] });
    },
  }).catch((error: unknown) => {
    dbPromise = null;
    throw error;
  });
  return dbPromise;
}

/** Keep a copy for this user. Best effort: a device without storage simply keeps none. */
export async function saveForUser(userId: number, key: string, value: unknown): Promise<void> {
  try {
    await (await open()).put('entries', { userId, key, value, savedAt: new Date().toISOString() });
  } catch {
    // Private mode, quota, a Blob the store cannot clone: the page works online anyway.
  }
}

export async function loadForUser<T>(userId: number, key: string): Promise<SavedEntry<T> | null> {
  try {
    const entry = await (await open()).get('entries', [userId, key]);
    return (entry as SavedEntry<T> | undefined) ?? null;
  } catch {
    return null;
  }
}

const cleanups = new Set<() => Promise<void>>();

/** A feature's own personal data to remove when the user signs out of this device. */
export function onSignOutCleanup(cleanup: () => Promise<void>): void {
  cleanups.add(cleanup);
}

/** Remove every user's offline copies from this device (sign-out, an ended session). */
export async function clearOfflineData(): Promise<void> {
  const tasks = [
    open().then((db) => db.clear('entries')),
    ...Array.from(cleanups, (cleanup) => cleanup()),
  ];
  await Promise.allSettled(tasks);
}
