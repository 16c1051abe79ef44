import { api } from '@/lib/api-client';
import type { ValidateRequest, ValidateResult } from '@/types/api';

/**
 * Bad venue Wi-Fi can leave a request hanging for minutes. A server silent for this long is
 * taken as gone: the scanner switches to offline and decides from its own copy of the door
 * kit, so the line keeps moving.
 */
export const SERVER_TIMEOUT_MS = 2_000;
export const VALIDATE_TIMEOUT_MS = SERVER_TIMEOUT_MS;

/** Decide one scan. A rejected ticket is a normal 200 answer, not an error. */
export async function validateTicket(data: ValidateRequest): Promise<ValidateResult> {
  const response = await api.post<ValidateResult>('/attendance/validate/', data, {
    timeout: VALIDATE_TIMEOUT_MS,
  });
  return response.data;
}
