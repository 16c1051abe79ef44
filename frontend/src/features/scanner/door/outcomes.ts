/** How the door words and sounds an answer: pure helpers of the engine. */
import type { FeedbackKind } from '@/features/scanner/utils/feedback';
import type { ApiError } from '@/lib/errors';
import type { ValidateResult } from '@/types/api';

import type { RecentScan } from './types';

/** No answer at all (offline, timeout) or a server in trouble: the scan is not decided. */
export function isUndecided(error: ApiError): boolean {
  return error.status === 0 || error.status >= 500;
}

/** The server's answer to a scan, as the door shows it. */
export function outcomeOf(code: string, result: ValidateResult): RecentScan['outcome'] {
  return { kind: result.status === 'accepted' ? 'accepted' : 'rejected', code, result };
}

/** A high beep for admitted, a low buzz for anything else, two short ones for queued. */
export function feedbackOf(outcome: RecentScan['outcome']): FeedbackKind {
  switch (outcome.kind) {
    case 'accepted':
    case 'queued':
      return outcome.kind;
    case 'offline':
      return outcome.local.decision.status;
    default:
      return 'rejected';
  }
}
