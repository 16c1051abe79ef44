import type { Ticket } from '@/types/api';

/**
 * Whether the holder may still send this ticket to someone else: a valid ticket with its
 * code, not used at the door, before the event's `transfers_until` (null: transfers off).
 * The server decides again.
 */
export function canTransfer(
  ticket: Ticket,
  transfersUntil: string | null | undefined,
  now: number = Date.now(),
): boolean {
  return (
    ticket.status === 'valid' &&
    !ticket.checked_in_at &&
    Boolean(ticket.code) &&
    transfersUntil != null &&
    now < Date.parse(transfersUntil)
  );
}
