import { api } from '@/lib/api-client';
import type { SyncRequest, SyncResult } from '@/types/api';

/** The server takes at most this many scans per upload (MAX_SYNC_BATCH). */
export const SYNC_BATCH_SIZE = 500;
export const SYNC_TIMEOUT_MS = 20_000;

/**
 * Upload admissions this device made offline. Idempotent by `client_scan_id`: a batch sent
 * twice (an answer lost on the way back) changes nothing the second time.
 */
export async function syncScans(data: SyncRequest): Promise<SyncResult> {
  const response = await api.post<SyncResult>('/attendance/sync/', data, {
    timeout: SYNC_TIMEOUT_MS,
  });
  return response.data;
}
