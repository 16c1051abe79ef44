import type { EventPhase } from '@/types/api';

/**
 * An event's phase in words. The server's `live` means "check-in is open", which starts before
 * the event does: before the start it reads "Check-in open", and "Live now" only between the
 * start and the end (read at call time, outside render purity rules).
 */
export function phaseLabel(phase: EventPhase, startsAt: string, now = Date.now()): string {
  switch (phase) {
    case 'draft':
      return 'Draft';
    case 'on_sale':
      return 'On sale';
    case 'sold_out':
      return 'Sold out';
    case 'live':
      return new Date(startsAt).getTime() > now ? 'Check-in open' : 'Live now';
    case 'ended':
      return 'Ended';
    case 'cancelled':
      return 'Cancelled';
  }
}
