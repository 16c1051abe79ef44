import { api } from '@/lib/api-client';
import type { SyncRequest, SyncResult } from '@/types/api';

/**
 * The server takes up to 500 scans per upload, but when several doors reconnect at once a
 * batch of 500 can wait half a minute (bench/RESULTS.md, offline sync throughput): smaller
 * batches, and a minute per request, keep each answer coming.
 */
export const SYNC_BATCH_SIZE = 100;
export const SYNC_TIMEOUT_MS = 60_000;

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
