import { api } from '@/lib/api-client';
import type { DoorKit } from '@/types/api';

/** A kit download may be large (every ticket of a big event): give it time on venue Wi-Fi. */
export const DOOR_KIT_TIMEOUT_MS = 30_000;

/**
 * The event's door kit: public keys, window and tickets. With `since` (a cursor of an earlier
 * answer) only the tickets changed after it; `full` says whether the answer is every ticket.
 */
export async function getDoorKit(event: number, since: string | null): Promise<DoorKit> {
  const response = await api.get<DoorKit>(`/events/${String(event)}/door-kit/`, {
    params: since ? { since } : {},
    timeout: DOOR_KIT_TIMEOUT_MS,
  });
  return response.data;
}
