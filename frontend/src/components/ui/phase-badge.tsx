import { Badge, type BadgeTone } from '@/components/ui/badge';
import { phaseLabel } from '@/lib/event-phase';
import type { EventPhase } from '@/types/api';

const TONES: Record<EventPhase, BadgeTone> = {
  draft: 'neutral',
  on_sale: 'success',
  sold_out: 'warning',
  live: 'accent',
  ended: 'neutral',
  cancelled: 'danger',
};

/**
 * Where an event is in its life, as the server computed it (never guessed from `status`):
 * "Check-in open" before the start, "Live now" between start and end.
 */
export function PhaseBadge({ phase, startsAt }: { phase: EventPhase; startsAt: string }) {
  return <Badge tone={TONES[phase]}>{phaseLabel(phase, startsAt)}</Badge>;
}
