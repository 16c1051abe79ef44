import type { LocalOutcome } from '@/features/scanner/door/types';
import { formatClock, formatDateTime } from '@/lib/format';
import type { RejectReason, ScanResult, ValidateResult } from '@/types/api';

/** The big word(s) on a red result, in plain language for the door. */
export const REASON_TITLES: Record<RejectReason, string> = {
  duplicate: 'Already admitted',
  fake: 'Not a valid ticket',
  cancelled: 'Ticket cancelled',
  wrong_event: 'Ticket for another event',
  not_started: 'Check-in not open yet',
  expired: 'Event is over',
  not_inside: 'Not inside',
  offline_conflict: 'Admitted twice (offline)',
  wrong_list: 'Wrong list: this ticket type is not admitted here',
};

export function reasonTitle(reason: string | null): string {
  if (reason !== null && reason in REASON_TITLES) return REASON_TITLES[reason as RejectReason];
  return 'Not admitted';
}

/** "North" -> "North gate"; a gate already named "... gate" keeps its name. */
export function gateLabel(gate: string): string {
  return /\bgate$/i.test(gate.trim()) ? gate.trim() : `${gate.trim()} gate`;
}

function isSameLocalDay(a: Date, b: Date): boolean {
  return a.toDateString() === b.toDateString();
}

/** The smaller line under the big word: the detail staff need to act on a rejection. */
export function rejectionDetail(result: ValidateResult): string | null {
  switch (result.reason) {
    case 'duplicate': {
      const number = result.ticket ? `Ticket #${String(result.ticket.id)}: ` : '';
      if (!result.first_checked_in_at) return `${number}this ticket was already used.`;
      let text = `${number}first admitted at ${formatClock(result.first_checked_in_at)}`;
      if (result.first_gate) text += ` at ${gateLabel(result.first_gate)}`;
      if (result.first_checked_in_by) text += ` by ${result.first_checked_in_by}`;
      return text;
    }
    case 'not_started': {
      const opens = result.checkin_opens_at;
      return isSameLocalDay(new Date(opens), new Date())
        ? `Opens at ${formatClock(opens)}`
        : `Opens ${formatDateTime(opens)}`;
    }
    case 'fake':
      return 'This code was not issued by QR-Entry.';
    case 'cancelled':
      return 'This ticket was cancelled and is no longer valid.';
    case 'wrong_event': {
      const other = result.other_event;
      return other
        ? `This ticket is for ${other.title}, ${formatDateTime(other.starts_at)}.`
        : 'Check the event on the ticket.';
    }
    case 'not_inside':
      return 'This ticket has not come in, so it cannot go out.';
    case 'expired':
      return 'Check-in for this event has closed.';
    default:
      return null;
  }
}

/** Short label for a scan-log row. */
export function scanResultLabel(result: ScanResult, reason: string | null): string {
  if (result === 'accepted') return 'Admitted';
  if (result === 'undone') return 'Check-in undone';
  return reasonTitle(reason);
}

/** The detail line of an offline decision: the same words as the server's, from the copy. */
export function offlineDetail(local: LocalOutcome): string | null {
  const { decision } = local;
  const number = decision.ticket ? `Ticket #${String(decision.ticket.id)}` : null;
  switch (decision.reason) {
    case 'duplicate': {
      if (!decision.firstCheckedInAt) return `${number ?? 'This ticket'} was already used.`;
      let text = `${number ?? 'This ticket'}: first admitted at ${formatClock(decision.firstCheckedInAt)}`;
      text += decision.firstGate ? ` at ${gateLabel(decision.firstGate)}` : '';
      return text;
    }
    case 'wrong_event':
      return local.otherEventTitle
        ? `This ticket is for ${local.otherEventTitle}.`
        : `This ticket is for another event (#${String(decision.otherEventId ?? '?')}).`;
    case 'fake':
      return decision.method === 'backup_code'
        ? 'No ticket of this event has this backup code.'
        : 'This code was not issued by QR-Entry.';
    case 'cancelled':
      return 'This ticket was cancelled and is no longer valid.';
    case 'not_started':
      return 'Check-in is not open yet.';
    case 'expired':
      return 'Check-in for this event has closed.';
    case 'not_inside':
      return 'This ticket has not come in, so it cannot go out.';
    default:
      return null;
  }
}
