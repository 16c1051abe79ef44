import { Badge, type BadgeTone } from '@/components/ui/badge';
import type { Event, EventStatus } from '@/types/api';

export function AvailabilityBadge({ event }: { event: Pick<Event, 'tickets_available'> }) {
  if (event.tickets_available <= 0) return <Badge tone="danger">Sold out</Badge>;
  return (
    <Badge tone={event.tickets_available <= 10 ? 'warning' : 'success'}>
      {event.tickets_available} {event.tickets_available === 1 ? 'ticket' : 'tickets'} left
    </Badge>
  );
}

const STATUS: Record<EventStatus, { label: string; tone: BadgeTone }> = {
  draft: { label: 'Draft', tone: 'neutral' },
  published: { label: 'Published', tone: 'success' },
  cancelled: { label: 'Cancelled', tone: 'danger' },
};

export function StatusBadge({ status }: { status: EventStatus }) {
  const { label, tone } = STATUS[status];
  return <Badge tone={tone}>{label}</Badge>;
}
