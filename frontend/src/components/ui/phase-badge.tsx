import { Badge, type BadgeTone } from '@/components/ui/badge';
import type { EventPhase } from '@/types/api';

const PHASES: Record<EventPhase, { label: string; tone: BadgeTone }> = {
  draft: { label: 'Draft', tone: 'neutral' },
  on_sale: { label: 'On sale', tone: 'success' },
  sold_out: { label: 'Sold out', tone: 'warning' },
  live: { label: 'Live now', tone: 'accent' },
  ended: { label: 'Ended', tone: 'neutral' },
  cancelled: { label: 'Cancelled', tone: 'danger' },
};

/** Where an event is in its life, as the server computed it (never guessed from `status`). */
export function PhaseBadge({ phase }: { phase: EventPhase }) {
  const { label, tone } = PHASES[phase];
  return <Badge tone={tone}>{label}</Badge>;
}
