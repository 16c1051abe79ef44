import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type MockAdapter from 'axios-mock-adapter';

import { ScanRoute } from '@/features/scanner/routes/scan';
import { setAccessToken } from '@/lib/auth-token';
import type { DoorKit, DoorKitTicket, SyncRequest, SyncResult } from '@/types/api';
import { FakeWebSocket } from '@/testing/fake-websocket';
import {
  authValue,
  makeCounters,
  makeEvent,
  makeUser,
  mockApi,
  paginated,
  renderWithProviders,
} from '@/testing/test-utils';

// Codes signed by the server's own code (see offline/ticket-code.test.ts): event 7.
const KEY_1 = 'A6EHv/POEL4dcN0Y50vAmWfk1jCbpQ1fHdyGZBJVMbg=';
const TICKET_42 =
  'QE1-AEDSUFYNKRKEQ7TH6MMB4S6TFR5TJN4XU3TDPFGXFVCNETSF26R6UMRKX3UBX36G6ECQJDPRDZSNCSUVSLVJWIOYOITIIVV6BZO2NBP3CEGQ';
const FORGED = `${TICKET_42.slice(0, -4)}AAAA`;

const HOUR = 3_600_000;
const EVENT = makeEvent({
  id: 7,
  title: 'Night Jazz',
  checkin_opens_at: new Date(Date.now() - HOUR).toISOString(),
  ends_at: new Date(Date.now() + 3 * HOUR).toISOString(),
});

function doorTicket(id: number, backupCode: string, name: string): DoorKitTicket {
  return {
    id,
    booking: 1,
    backup_code: backupCode,
    holder_name: name,
    attendee_name: name,
    ticket_type: null,
    status: 'valid',
    checked_in_at: null,
    checked_in_gate: '',
    inside: false,
    ticket_type_id: 1,
    lists: [],
  };
}

const KIT: DoorKit = {
  event: {
    id: 7,
    title: 'Night Jazz',
    venue: 'Blue Hall',
    status: 'published',
    timezone: 'Europe/Berlin',
    starts_at: EVENT.starts_at,
    ends_at: EVENT.ends_at,
    checkin_opens_at: EVENT.checkin_opens_at,
    capacity: 100,
    allow_reentry: false,
  },
  public_keys: [{ id: 1, key: KEY_1 }],
  tickets: [doorTicket(42, 'K7M2QX9P', 'Gina Guest'), doorTicket(300, 'ABCD2345', 'Hal Host')],
  lists: [{ id: 1, name: 'Entry', is_default: true, ticket_types: [] }],
  revoked: [],
  full: true,
  cursor: 'c1',
  server_time: new Date().toISOString(),
};

async function type(user: ReturnType<typeof userEvent.setup>, code: string) {
  await user.type(screen.getByLabelText('Ticket code'), `${code}{Enter}`);
}

describe('ScanRoute offline', () => {
  let mock: MockAdapter;
  beforeEach(() => {
    mock = mockApi();
    mock.onGet('/events/').reply(200, paginated([EVENT]));
    mock.onGet('/events/7/door-kit/').reply(200, KIT);
    setAccessToken('acc');
    FakeWebSocket.install();
  });
  afterEach(() => {
    mock.restore();
    vi.unstubAllGlobals();
  });

  it('decides from the door kit when the server is silent, then syncs and shows conflicts', async () => {
    const user = userEvent.setup();
    renderWithProviders(<ScanRoute />, {
      auth: authValue(makeUser('attendee')),
      route: '/scan',
      path: '/scan',
    });
    await user.click(await screen.findByRole('button', { name: 'Start scanning' }));
    await waitFor(() => {
      expect(screen.getByTestId('door-kit-status')).toHaveTextContent(
        'Ready for offline: 2 tickets',
      );
    });

    // The network goes: validate gets no answer, the scanner decides itself.
    mock.onPost('/attendance/validate/').networkError();
    mock.onGet('/health/').networkError();
    await type(user, TICKET_42);
    const card = await screen.findByTestId('scan-result');
    await waitFor(() => {
      expect(card).toHaveAttribute('data-status', 'accepted');
    });
    expect(card).toHaveAttribute('data-offline', 'true');
    expect(card).toHaveTextContent('Gina Guest');
    const banner = screen.getByTestId('offline-banner');
    expect(banner).toHaveTextContent('Offline — checking tickets on this device');
    expect(banner).toHaveTextContent('1 scan will be sent');

    // Offline from now on: no second wait for the server.
    const validations = () =>
      mock.history.post.filter((r) => r.url === '/attendance/validate/').length;
    const sentSoFar = validations();
    await type(user, FORGED);
    await waitFor(() => {
      expect(screen.getByTestId('scan-result')).toHaveAttribute('data-reason', 'fake');
    });
    // The same ticket by its backup code: this device admitted it already.
    await type(user, 'k7m2qx9p');
    await waitFor(() => {
      expect(screen.getByTestId('scan-result')).toHaveAttribute('data-reason', 'duplicate');
    });
    expect(screen.getByTestId('scan-result')).toHaveTextContent('Ticket #42');
    // A backup code typed as printed, with its dash.
    await type(user, 'abcd-2345');
    await waitFor(() => {
      expect(screen.getByTestId('scan-result')).toHaveTextContent('Hal Host');
    });
    expect(screen.getByTestId('scan-result')).toHaveAttribute('data-status', 'accepted');
    expect(validations()).toBe(sentSoFar);
    expect(banner).toHaveTextContent('2 scans will be sent');
    // The status and the count tell the truth: offline, and both admissions counted.
    expect(screen.getByTestId('connection-status')).toHaveAttribute('data-state', 'offline');
    expect(screen.getByTestId('connection-status')).toHaveTextContent('Offline');
    expect(screen.getByTestId('checked-in-count')).toHaveTextContent('2');
    expect(screen.getByTestId('unsynced-count')).toHaveTextContent('(2 not yet synced)');

    // The server answers again: the scans go up through sync, one came back a conflict.
    mock.onGet('/health/').reply(200, { status: 'ok' });
    mock.onPost('/attendance/sync/').reply((config) => {
      const body = JSON.parse(config.data as string) as SyncRequest;
      const answer: SyncResult = {
        event: 7,
        device_id: body.device_id,
        counters: makeCounters({ checked_in: 2 }),
        results: body.scans.map((scan, index) => ({
          client_scan_id: scan.client_scan_id,
          outcome: index === 0 ? 'offline_conflict' : 'accepted',
          reason: index === 0 ? 'offline_conflict' : null,
          scan_id: 100 + index,
          direction: 'in',
          scanned_at: scan.scanned_at,
          ticket: null,
        })),
      };
      return [200, answer];
    });
    act(() => {
      window.dispatchEvent(new Event('online'));
    });
    const conflicts = await screen.findByTestId('sync-conflicts');
    expect(within(conflicts).getByText(/Gina Guest · Ticket #42/)).toBeInTheDocument();
    expect(conflicts).toHaveTextContent('two people got in on one ticket');
    expect(screen.queryByTestId('offline-banner')).not.toBeInTheDocument();
    expect(screen.getByTestId('last-sync')).toHaveTextContent('Sent 2 scans');
    expect(screen.queryByTestId('unsynced-count')).not.toBeInTheDocument();
    expect(screen.getByTestId('checked-in-count')).toHaveTextContent('2');

    const sync = mock.history.post.find((r) => r.url === '/attendance/sync/')!;
    const body = JSON.parse(sync.data as string) as SyncRequest;
    expect(body.event).toBe(7);
    expect(body.device_id).toBe(localStorage.getItem('qe.scanner.device'));
    // A QR scan sends its code; a typed backup code the ticket it was found as.
    expect(body.scans).toEqual([
      expect.objectContaining({ code: TICKET_42, gate: 'Main', direction: 'in' }),
      expect.objectContaining({ ticket: 300, gate: 'Main', direction: 'in' }),
    ]);
    expect(new Set(body.scans.map((scan) => scan.client_scan_id)).size).toBe(2);
  });
});
