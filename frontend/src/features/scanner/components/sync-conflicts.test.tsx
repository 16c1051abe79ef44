import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { SyncConflicts } from '@/features/scanner/components/sync-conflicts';
import type { SyncedScan } from '@/features/scanner/offline/door-db';

function refused(clientScanId: string, detail: string): SyncedScan {
  return {
    clientScanId,
    eventId: 7,
    code: null,
    ticketId: 42,
    holderName: 'Gina Guest',
    gate: 'Main',
    direction: 'in',
    scannedAt: '2026-12-07T18:00:00Z',
    outcome: 'rejected',
    detail,
    syncedAt: '2026-12-07T19:00:00Z',
  };
}

describe('SyncConflicts', () => {
  it('says an offline admission outside the check-in window was not admitted, and why', () => {
    render(
      <SyncConflicts
        synced={[refused('a', 'not_started'), refused('b', 'expired')]}
        timeZone="Europe/Lisbon"
      />,
    );
    expect(screen.getByText(/Scanned before check-in opened/)).toBeInTheDocument();
    expect(screen.getByText(/Scanned after check-in closed/)).toBeInTheDocument();
    expect(screen.getAllByText('Refused later')).toHaveLength(2);
  });
});
