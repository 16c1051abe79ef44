import type { LocalOutcome, ShownOutcome } from '@/features/scanner/door/types';
import { offlineDetail, reasonTitle, rejectionDetail } from '@/features/scanner/utils/reasons';
import { cn } from '@/lib/cn';
import type { ApiError } from '@/lib/errors';

function errorText(error: ApiError): { title: string; detail: string } {
  switch (error.code) {
    case 'permission_denied':
      return { title: 'Not allowed', detail: 'You may not scan tickets for this event.' };
    case 'validation_error':
      return {
        title: 'Could not check',
        detail: error.fieldError('code') ?? error.fieldError('gate') ?? error.detail,
      };
    case 'not_authenticated':
      return { title: 'Signed out', detail: 'Sign in again to keep scanning.' };
    default:
      return { title: 'Could not check', detail: error.detail };
  }
}

interface CardContent {
  tone: string;
  icon: string;
  title: string;
  lines: string[];
  status: string;
  reason?: string;
  offline?: boolean;
  /** The ticket's type, shown large: a VIP must stand out from a general ticket. */
  ticketType?: string | null;
}

function offlineContent(local: LocalOutcome, timeZone: string): CardContent {
  const { decision } = local;
  const ticket = decision.ticket;
  if (decision.status === 'accepted') {
    const lines = [
      ticket?.holderName,
      ticket ? `Ticket #${String(ticket.id)}` : null,
      'Offline: decided on this device, sent when back online.',
    ];
    return {
      tone: 'bg-emerald-600 text-white',
      icon: '✓',
      title: 'Admitted',
      lines: lines.filter((line): line is string => Boolean(line)),
      status: 'accepted',
      offline: true,
    };
  }
  const lines = [offlineDetail(local, timeZone), ticket?.holderName, 'Offline check'];
  return {
    tone: 'bg-red-600 text-white',
    icon: '✕',
    title: reasonTitle(decision.reason),
    lines: lines.filter((line): line is string => Boolean(line)),
    status: 'rejected',
    reason: decision.reason ?? undefined,
    offline: true,
  };
}

function contentOf(outcome: ShownOutcome, timeZone: string): CardContent {
  switch (outcome.kind) {
    case 'checking':
      return {
        tone: 'bg-slate-800 text-white',
        icon: '…',
        title: 'Checking…',
        lines: [],
        status: 'checking',
      };
    case 'accepted': {
      const { ticket, direction, reentry } = outcome.result;
      return {
        tone: 'bg-emerald-600 text-white',
        icon: '✓',
        title: direction === 'out' ? 'Let out' : reentry ? 'Admitted again' : 'Admitted',
        lines: ticket ? [ticket.attendee_name, `Ticket #${String(ticket.id)}`] : [],
        status: 'accepted',
        ticketType: ticket ? (ticket.ticket_type?.name ?? 'Ticket') : null,
      };
    }
    case 'rejected': {
      const { result } = outcome;
      const detail = rejectionDetail(result, timeZone);
      const lines = [detail, result.ticket?.attendee_name].filter(
        (line): line is string => typeof line === 'string' && line.length > 0,
      );
      return {
        tone: 'bg-red-600 text-white',
        icon: '✕',
        title: reasonTitle(result.reason),
        lines,
        status: 'rejected',
        reason: result.reason ?? undefined,
        ticketType: result.ticket?.ticket_type?.name ?? null,
      };
    }
    case 'offline':
      return offlineContent(outcome.local, timeZone);
    case 'queued':
      return {
        tone: 'bg-amber-400 text-amber-950',
        icon: '!',
        title: 'Saved, will check when back online',
        lines: ['Not checked yet: no answer from the server.'],
        status: 'queued',
      };
    case 'error': {
      const { title, detail } = errorText(outcome.error);
      return {
        tone: 'bg-slate-700 text-white',
        icon: '!',
        title,
        lines: [detail],
        status: 'error',
        reason: outcome.error.code,
      };
    }
  }
}

/** The big answer for the person at the door: green, red or amber, readable from afar. */
export function ResultCard({
  outcome,
  timeZone,
  onDismiss,
}: {
  outcome: ShownOutcome;
  /** The event's zone: times on the card are read there. */
  timeZone: string;
  onDismiss: () => void;
}) {
  const content = contentOf(outcome, timeZone);
  return (
    <div
      role="status"
      aria-live="assertive"
      aria-atomic="true"
      data-testid="scan-result"
      data-status={content.status}
      data-reason={content.reason ?? ''}
      data-offline={content.offline ? 'true' : 'false'}
      onClick={onDismiss}
      className={cn(
        'absolute inset-0 z-10 flex flex-col items-center justify-center gap-2 rounded-xl p-6 text-center shadow-lg',
        content.tone,
      )}
    >
      <span aria-hidden="true" className="text-5xl leading-none font-black">
        {content.icon}
      </span>
      <p className="text-4xl font-extrabold tracking-tight text-balance sm:text-5xl">
        {content.title}
      </p>
      {content.ticketType && (
        <p
          className="rounded-lg border-4 border-current px-4 py-1 text-3xl font-black tracking-wide text-balance uppercase sm:text-4xl"
          data-testid="scan-result-type"
        >
          <span className="sr-only">Ticket type: </span>
          {content.ticketType}
        </p>
      )}
      {content.lines.map((line) => (
        <p key={line} className="text-lg font-medium text-balance sm:text-xl">
          {line}
        </p>
      ))}
    </div>
  );
}
