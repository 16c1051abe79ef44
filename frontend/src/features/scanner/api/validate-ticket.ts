import { NO_STORAGE_DEVICE, deviceId } from '@/features/scanner/utils/storage';
import { api } from '@/lib/api-client';
import type { ValidateRequest, ValidateResult } from '@/types/api';

/**
 * Bad venue Wi-Fi can leave a request hanging for minutes. A server silent for this long is
 * taken as gone: the scanner switches to offline and decides from its own copy of the door
 * kit, so the line keeps moving.
 */
export const SERVER_TIMEOUT_MS = 2_000;
export const VALIDATE_TIMEOUT_MS = SERVER_TIMEOUT_MS;

/**
 * Decide one scan. A rejected ticket is a normal 200 answer, not an error. The device's id
 * goes along: if the answer is lost to the timeout and this phone then admits the same ticket
 * offline, the sync knows it was this phone twice, not two people on one ticket.
 */
export async function validateTicket(
  data: Omit<ValidateRequest, 'device_id'>,
): Promise<ValidateResult> {
  const device = deviceId();
  const body = device === NO_STORAGE_DEVICE ? data : { ...data, device_id: device };
  const response = await api.post<ValidateResult>('/attendance/validate/', body, {
    timeout: VALIDATE_TIMEOUT_MS,
  });
  return response.data;
}
