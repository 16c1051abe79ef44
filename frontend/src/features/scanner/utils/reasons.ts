import type { LocalOutcome } from '@/features/scanner/door/types';
import { formatEventDateTime, formatEventTime, formatEventTimeOrDate } from '@/lib/event-time';
import type { RejectReason, ScanResult, ValidateResult } from '@/types/api';

/** The big word(s) on a red result, in plain language for the door. */
export const REASON_TITLES: Record<RejectReason, string> = {
  duplicate: 'Already admitted',
  fake: 'Not a valid ticket',
  cancelled: 'Ticket cancelled',
  revoked: 'Ticket transferred — old code',
  wrong_event: 'Ticket for another event',
  not_started: 'Check-in not open yet',
  expired: 'Event is over',
  not_inside: 'Not inside',
  wrong_list: 'Wrong list',
  offline_conflict: 'Admitted twice (offline)',
};

export function reasonTitle(reason: string | null): string {
  if (reason !== null && reason in REASON_TITLES) return REASON_TITLES[reason as RejectReason];
  return 'Not admitted';
}

/** "North" -> "North gate"; a gate already named "... gate" keeps its name. */
export function gateLabel(gate: string): string {
  return /\bgate$/i.test(gate.trim()) ? gate.trim() : `${gate.trim()} gate`;
}

/**
 * The smaller line under the big word: the detail staff need to act on a rejection, its
 * times in the event's zone (`timeZone`), named.
 */
export function rejectionDetail(result: ValidateResult, timeZone: string): string | null {
  switch (result.reason) {
    case 'duplicate': {
      const number = result.ticket ? `Ticket #${String(result.ticket.id)}: ` : '';
      if (!result.first_checked_in_at) return `${number}this ticket was already used.`;
      let text = `${number}first admitted at ${formatEventTime(result.first_checked_in_at, timeZone)}`;
      if (result.first_gate) text += ` at ${gateLabel(result.first_gate)}`;
      if (result.first_checked_in_by) text += ` by ${result.first_checked_in_by}`;
      return text;
    }
    case 'not_started': {
      const opens = formatEventTimeOrDate(result.checkin_opens_at, timeZone);
      return /^\d/.test(opens) ? `Opens at ${opens}` : `Opens ${opens}`;
    }
    case 'fake':
      return 'This code was not issued by QR-Entry.';
    case 'cancelled':
      return 'This ticket was cancelled and is no longer valid.';
    case 'revoked':
      return 'This ticket was transferred to someone else: its old code no longer admits anyone.';
    case 'wrong_event': {
      const other = result.other_event;
      return other
        ? `This ticket is for ${other.title}, ${formatEventDateTime(other.starts_at, timeZone)}.`
        : 'Check the event on the ticket.';
    }
    case 'not_inside':
      return 'This ticket has not come in, so it cannot go out.';
    case 'wrong_list':
      return result.list
        ? `This ticket's type is not on the ${result.list.name} list.`
        : "This ticket's type is not on this list.";
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
export function offlineDetail(local: LocalOutcome, timeZone: string): string | null {
  const { decision } = local;
  const number = decision.ticket ? `Ticket #${String(decision.ticket.id)}` : null;
  switch (decision.reason) {
    case 'duplicate': {
      if (!decision.firstCheckedInAt) return `${number ?? 'This ticket'} was already used.`;
      let text = `${number ?? 'This ticket'}: first admitted at ${formatEventTime(decision.firstCheckedInAt, timeZone)}`;
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
    case 'revoked':
      return 'This ticket was transferred to someone else: its old code no longer admits anyone.';
    case 'not_started':
      return 'Check-in is not open yet.';
    case 'expired':
      return 'Check-in for this event has closed.';
    case 'not_inside':
      return 'This ticket has not come in, so it cannot go out.';
    case 'wrong_list':
      return "This ticket's type is not on this list.";
    default:
      return null;
  }
}
