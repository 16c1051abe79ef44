import { Badge } from '@/components/ui/badge';
import { PhaseBadge } from '@/components/ui/phase-badge';
import type { Event } from '@/types/api';

/**
 * What a buyer needs at a glance: tickets left while on sale (a nudge when few), otherwise
 * the phase (sold out, live, ended, cancelled, draft). Never "800 tickets left" on an event
 * that is over.
 */
export function AvailabilityBadge({
  event,
}: {
  event: Pick<Event, 'tickets_available' | 'phase' | 'starts_at'>;
}) {
  if (event.phase !== 'on_sale')
    return <PhaseBadge phase={event.phase} startsAt={event.starts_at} />;
  return (
    <Badge tone={event.tickets_available <= 10 ? 'warning' : 'success'}>
      {event.tickets_available} {event.tickets_available === 1 ? 'ticket' : 'tickets'} left
    </Badge>
  );
}
