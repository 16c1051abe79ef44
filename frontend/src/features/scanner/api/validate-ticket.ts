import { api } from '@/lib/api-client';
import type { ValidateRequest, ValidateResult } from '@/types/api';

/**
 * Bad venue Wi-Fi can leave a request hanging for minutes; after this long the scan is
 * treated as "no answer" and queued, so the line keeps moving.
 */
export const VALIDATE_TIMEOUT_MS = 8_000;

/** Decide one scan. A rejected ticket is a normal 200 answer, not an error. */
export async function validateTicket(data: ValidateRequest): Promise<ValidateResult> {
  const response = await api.post<ValidateResult>('/attendance/validate/', data, {
    timeout: VALIDATE_TIMEOUT_MS,
  });
  return response.data;
}
