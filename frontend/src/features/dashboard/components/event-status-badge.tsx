import { Badge, type BadgeTone } from '@/components/ui/badge';
import type { EventStatus } from '@/types/api';

const STATUS: Record<EventStatus, { label: string; tone: BadgeTone }> = {
  draft: { label: 'Draft', tone: 'neutral' },
  published: { label: 'Published', tone: 'success' },
  cancelled: { label: 'Cancelled', tone: 'danger' },
};

export function EventStatusBadge({ status }: { status: EventStatus }) {
  const { label, tone } = STATUS[status];
  return <Badge tone={tone}>{label}</Badge>;
}
