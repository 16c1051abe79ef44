import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type MockAdapter from 'axios-mock-adapter';

import { ScanRoute } from '@/features/scanner/routes/scan';
import { DEVICE_KEY } from '@/features/scanner/utils/storage';
import { getAccessToken, onSessionExpired, setAccessToken } from '@/lib/auth-token';
import type { RejectReason, ValidateRequest, ValidateResult } from '@/types/api';
import { FakeWebSocket } from '@/testing/fake-websocket';
import {
  apiError,
  authValue,
  inTimeZone,
  makeCounters,
  makeEvent,
  makeRefreshResponse,
  makeScan,
  makeUser,
  makeValidateResult,
  mockApi,
  paginated,
  renderWithProviders,
  scanMessage,
  snapshotMessage,
} from '@/testing/test-utils';

inTimeZone('Europe/Berlin');

const EVENT = makeEvent({ id: 5, title: 'Night Jazz', tickets_sold: 10 });
const OTHER = makeEvent({ id: 6, title: 'Morning Talk', tickets_sold: 3 });

function renderScanner() {
  return renderWithProviders(<ScanRoute />, {
    auth: authValue(makeUser('attendee')),
    route: '/scan',
    path: '/scan',
  });
}

async function startScanning(user = userEvent.setup()) {
  renderScanner();
  await user.click(await screen.findByRole('button', { name: 'Start scanning' }));
  await screen.findByLabelText('Ticket code');
  return user;
}

function validateBodies(mock: MockAdapter): Omit<ValidateRequest, 'device_id'>[] {
  const device = localStorage.getItem(DEVICE_KEY);
  return mock.history.post
    .filter((request) => request.url === '/attendance/validate/')
    .map((request) => {
      const { device_id, ...body } = JSON.parse(request.data as string) as ValidateRequest;
      // Every scan names this device: the sync tells its double taps from conflicts by it.
      expect(device_id).toBe(device);
      return body;
    });
}

async function scanCode(user: ReturnType<typeof userEvent.setup>, code: string) {
  await user.type(screen.getByLabelText('Ticket code'), `${code}{Enter}`);
}

describe('ScanRoute', () => {
  let mock: MockAdapter;
  beforeEach(() => {
    mock = mockApi();
    mock.onGet('/events/').reply(200, paginated([EVENT, OTHER]));
    setAccessToken('acc');
    FakeWebSocket.install();
  });
  afterEach(() => {
    mock.restore();
    vi.unstubAllGlobals();
  });

  describe('setup', () => {
    it('asks only for events the user may scan at the door', async () => {
      renderScanner();
      await screen.findByLabelText('Event');
      expect(mock.history.get[0]!.params).toMatchObject({ door: true });
      const options = Array.from(
        screen.getByLabelText<HTMLSelectElement>('Event').options,
        (o) => o.textContent,
      );
      expect(options).toEqual(['Night Jazz', 'Morning Talk']);
      expect(screen.getByLabelText('Gate')).toHaveValue('Main');
    });

    it('tells users who are not door staff anywhere', async () => {
      mock.onGet('/events/').reply(200, paginated([]));
      renderScanner();
      expect(
        await screen.findByText('You are not door staff for any upcoming event.'),
      ).toBeInTheDocument();
      expect(screen.queryByRole('button', { name: 'Start scanning' })).not.toBeInTheDocument();
    });

    it('remembers the event and gate in localStorage', async () => {
      const user = userEvent.setup();
      renderScanner();
      await user.selectOptions(await screen.findByLabelText('Event'), '6');
      const gate = screen.getByLabelText('Gate');
      await user.clear(gate);
      await user.type(gate, 'North');
      await user.click(screen.getByRole('button', { name: 'Start scanning' }));

      expect(localStorage.getItem('qe.scanner.event')).toBe('6');
      expect(localStorage.getItem('qe.scanner.gate')).toBe('North');
      expect(await screen.findByRole('heading', { name: 'Morning Talk' })).toBeInTheDocument();
      expect(screen.getByText('Gate: North')).toBeInTheDocument();
    });

    it('starts from the remembered event and gate', async () => {
      localStorage.setItem('qe.scanner.event', '6');
      localStorage.setItem('qe.scanner.gate', 'Side door');
      renderScanner();
      expect(await screen.findByLabelText('Event')).toHaveValue('6');
      expect(screen.getByLabelText('Gate')).toHaveValue('Side door');
    });

    it('falls back to the first event when the remembered one is gone', async () => {
      localStorage.setItem('qe.scanner.event', '999');
      renderScanner();
      expect(await screen.findByLabelText('Event')).toHaveValue('5');
    });
  });

  describe('validating', () => {
    it('posts {code, event, gate} on Enter and shows Admitted with the name', async () => {
      mock.onPost('/attendance/validate/').reply(200, makeValidateResult());
      const user = await startScanning();
      expect(screen.getByLabelText('Ticket code')).toHaveFocus();

      await scanCode(user, 'QR1.abc');

      const card = await screen.findByTestId('scan-result');
      await waitFor(() => {
        expect(card).toHaveAttribute('data-status', 'accepted');
      });
      expect(card).toHaveTextContent('Admitted');
      expect(card).toHaveTextContent('Grace Hopper');
      expect(card).toHaveTextContent('Ticket #7');
      expect(card).toHaveAttribute('role', 'status');
      expect(validateBodies(mock)).toEqual([
        { code: 'QR1.abc', event: 5, gate: 'Main', direction: 'in' },
      ]);
      // Ready for the next handheld scan: field cleared and focused.
      expect(screen.getByLabelText('Ticket code')).toHaveValue('');
      expect(screen.getByLabelText('Ticket code')).toHaveFocus();
      // The validate answer's counters stand in until the socket speaks.
      expect(screen.getByTestId('checked-in-count')).toHaveTextContent('1');
      expect(within(screen.getByTestId('recent-scans')).getByText('Grace Hopper')).toBeVisible();
    });

    it('submits typed codes with the Check button too', async () => {
      mock.onPost('/attendance/validate/').reply(200, makeValidateResult());
      const user = await startScanning();
      await user.type(screen.getByLabelText('Ticket code'), '  QR1.typed  ');
      await user.click(screen.getByRole('button', { name: 'Check' }));
      await waitFor(() => {
        expect(screen.getByTestId('scan-result')).toHaveAttribute('data-status', 'accepted');
      });
      expect(validateBodies(mock)).toEqual([
        { code: 'QR1.typed', event: 5, gate: 'Main', direction: 'in' },
      ]);
    });

    it.each<[RejectReason, Partial<ValidateResult>, string, string | RegExp]>([
      [
        'duplicate',
        {
          first_checked_in_at: '2099-06-12T18:14:00+00:00',
          first_gate: 'North',
          first_checked_in_by: 'Sam',
        },
        'Already admitted',
        'Ticket #7: first admitted at 20:14 CEST at North gate by Sam',
      ],
      ['fake', { ticket: null }, 'Not a valid ticket', ''],
      ['cancelled', {}, 'Ticket cancelled', ''],
      ['wrong_event', {}, 'Ticket for another event', ''],
      ['not_started', {}, 'Check-in not open yet', /Opens/],
      ['expired', {}, 'Event is over', ''],
    ])('shows %s in plain words', async (reason, extra, title, detail) => {
      mock
        .onPost('/attendance/validate/')
        .reply(
          200,
          makeValidateResult({ status: 'rejected', reason, checked_in_at: null, ...extra }),
        );
      const user = await startScanning();
      await scanCode(user, 'QR1.bad');

      const card = await screen.findByTestId('scan-result');
      await waitFor(() => {
        expect(card).toHaveAttribute('data-status', 'rejected');
      });
      expect(card).toHaveAttribute('data-reason', reason);
      expect(card).toHaveTextContent(title);
      if (detail) expect(card).toHaveTextContent(detail);
      expect(card).not.toHaveTextContent('Admitted');
    });

    it('does not queue an HTTP error, and says why in words', async () => {
      mock.onPost('/attendance/validate/').reply(403, apiError('permission_denied', 'Nope.'));
      const user = await startScanning();
      await scanCode(user, 'QR1.abc');
      await waitFor(() => {
        expect(screen.getByTestId('scan-result')).toHaveAttribute('data-status', 'error');
      });
      expect(screen.getByTestId('scan-result')).toHaveTextContent(
        'You may not scan tickets for this event.',
      );
      expect(screen.queryByTestId('offline-banner')).not.toBeInTheDocument();
      expect(localStorage.getItem('qe.scanner.queue')).toBeNull();
    });
  });

  describe('de-duplication', () => {
    it('sends a code once while it stays in view, and again 3 s after it was last seen', async () => {
      let now = 1_000_000;
      vi.spyOn(Date, 'now').mockImplementation(() => now);
      mock.onPost('/attendance/validate/').reply(200, makeValidateResult());
      const user = await startScanning();

      await scanCode(user, 'QR1.same');
      await screen.findByTestId('scan-result');
      expect(screen.queryByTestId('repeat-notice')).not.toBeInTheDocument();
      now += 2_000;
      await scanCode(user, 'QR1.same');
      // Not sent again, but not silent either.
      expect(await screen.findByTestId('repeat-notice')).toHaveTextContent(
        'Same code again within 3 seconds',
      );
      now += 500;
      await scanCode(user, 'QR1.other');
      await waitFor(() => {
        expect(validateBodies(mock)).toHaveLength(2);
      });
      expect(validateBodies(mock).map((b) => b.code)).toEqual(['QR1.same', 'QR1.other']);

      // 3.1 s after it was sent but only 1.1 s after it was last seen: still in view.
      now += 600;
      await scanCode(user, 'QR1.same');
      // Out of view for 3 s, then back: a new scan.
      now += 3_100;
      await scanCode(user, 'QR1.same');
      await waitFor(() => {
        expect(validateBodies(mock)).toHaveLength(3);
      });
      expect(validateBodies(mock).map((b) => b.code)).toEqual([
        'QR1.same',
        'QR1.other',
        'QR1.same',
      ]);
    });
  });

  describe('offline', () => {
    it('queues a scan that gets no answer, never shows it admitted, and drains when online', async () => {
      mock.onPost('/attendance/validate/').networkErrorOnce();
      mock.onPost('/attendance/validate/').reply(200, makeValidateResult());
      const user = await startScanning();

      await scanCode(user, 'QR1.lost');

      const card = await screen.findByTestId('scan-result');
      await waitFor(() => {
        expect(card).toHaveAttribute('data-status', 'queued');
      });
      expect(card).toHaveTextContent('Saved, will check when back online');
      expect(screen.queryByText('Admitted')).not.toBeInTheDocument();
      expect(screen.getByTestId('offline-banner')).toHaveTextContent('Offline — 1 scan waiting');
      const stored = JSON.parse(localStorage.getItem('qe.scanner.queue')!) as unknown[];
      expect(stored).toEqual([
        expect.objectContaining({ code: 'QR1.lost', event: 5, gate: 'Main', direction: 'in' }),
      ]);

      act(() => {
        window.dispatchEvent(new Event('online'));
      });

      await waitFor(() => {
        expect(screen.queryByTestId('offline-banner')).not.toBeInTheDocument();
      });
      expect(localStorage.getItem('qe.scanner.queue')).toBeNull();
      expect(validateBodies(mock)).toEqual([
        { code: 'QR1.lost', event: 5, gate: 'Main', direction: 'in' },
        { code: 'QR1.lost', event: 5, gate: 'Main', direction: 'in' },
      ]);
      const recent = screen.getByTestId('recent-scans');
      expect(within(recent).getByText('Admitted')).toBeInTheDocument();
      expect(within(recent).getByText('Grace Hopper')).toBeInTheDocument();
      expect(within(recent).getByText('(checked after reconnect)')).toBeInTheDocument();
    });

    it('queues on a timeout or a server in trouble (5xx), not only on no network', async () => {
      mock.onPost('/attendance/validate/').timeoutOnce();
      mock.onPost('/attendance/validate/').replyOnce(503, 'Service Unavailable');
      const user = await startScanning();
      await scanCode(user, 'QR1.a');
      await scanCode(user, 'QR1.b');
      await waitFor(() => {
        expect(screen.getByTestId('offline-banner')).toHaveTextContent('Offline — 2 scans waiting');
      });
    });

    it('keeps the queue while still offline and sends scans left by an earlier visit', async () => {
      localStorage.setItem(
        'qe.scanner.queue',
        JSON.stringify([
          { id: 'q1', code: 'QR1.old', event: 5, gate: 'North', time: '2099-06-12T18:00:00Z' },
        ]),
      );
      mock.onPost('/attendance/validate/').networkErrorOnce();
      mock
        .onPost('/attendance/validate/')
        .reply(200, makeValidateResult({ status: 'rejected', reason: 'cancelled' }));
      const user = userEvent.setup();
      renderScanner();
      await user.click(await screen.findByRole('button', { name: 'Start scanning' }));

      // First attempt at opening fails: still waiting.
      expect(await screen.findByTestId('offline-banner')).toHaveTextContent('1 scan waiting');
      await waitFor(() => {
        expect(validateBodies(mock)).toHaveLength(1);
      });

      await user.click(screen.getByRole('button', { name: 'Retry now' }));
      await waitFor(() => {
        expect(screen.queryByTestId('offline-banner')).not.toBeInTheDocument();
      });
      expect(validateBodies(mock)[1]).toEqual({
        code: 'QR1.old',
        event: 5,
        gate: 'North',
        direction: 'in',
      });
      expect(
        within(screen.getByTestId('recent-scans')).getByText('Ticket cancelled'),
      ).toBeInTheDocument();
    });
  });

  describe('live counter', () => {
    it('updates from the snapshot and from scan messages', async () => {
      await startScanning();
      const socket = FakeWebSocket.latest();
      expect(socket.url).toBe(`ws://${window.location.host}/ws/events/5/attendance/`);
      expect(socket.protocols).toEqual(['qr-entry.jwt', 'acc']);
      expect(screen.getByTestId('checked-in-count')).toHaveTextContent('—');

      act(() => {
        socket.serverOpen();
        socket.serverSend(snapshotMessage(makeCounters({ checked_in: 4 })));
      });
      expect(screen.getByTestId('checked-in-count')).toHaveTextContent('4');
      expect(screen.getByTestId('connection-status')).toHaveTextContent('Connected');

      act(() => {
        socket.serverSend(
          scanMessage(makeScan({ id: 9 }), makeCounters({ checked_in: 5, tickets_sold: 11 })),
        );
      });
      expect(screen.getByTestId('checked-in-count')).toHaveTextContent('5');
      expect(screen.getByText(/Checked in/)).toHaveTextContent('Checked in 5 / 11 sold');
    });

    it('refreshes the token and reconnects after 4401', async () => {
      mock.onPost('/auth/refresh/').reply(200, makeRefreshResponse('fresh'));
      await startScanning();
      const first = FakeWebSocket.latest();

      act(() => {
        first.serverClose(4401);
      });

      await waitFor(() => {
        expect(FakeWebSocket.instances).toHaveLength(2);
      });
      expect(FakeWebSocket.latest().protocols).toEqual(['qr-entry.jwt', 'fresh']);
      expect(getAccessToken()).toBe('fresh');
      expect(mock.history.post.filter((r) => r.url === '/auth/refresh/')).toHaveLength(1);
    });

    it('refreshes the token before retrying a handshake that never opened', async () => {
      // A server that refuses the handshake shows in the browser as a bare 1006.
      mock.onPost('/auth/refresh/').reply(200, makeRefreshResponse('fresh'));
      vi.useFakeTimers({ shouldAdvanceTime: true });
      try {
        await startScanning();
        act(() => {
          FakeWebSocket.latest().serverClose(1006);
        });
        expect(screen.getByText('Reconnecting…')).toBeInTheDocument();
        await act(async () => {
          await vi.advanceTimersByTimeAsync(1_500);
        });
        expect(FakeWebSocket.instances).toHaveLength(2);
        expect(FakeWebSocket.latest().protocols).toEqual(['qr-entry.jwt', 'fresh']);
        expect(mock.history.post.filter((r) => r.url === '/auth/refresh/')).toHaveLength(1);
      } finally {
        vi.useRealTimers();
      }
    });

    it('ends the session instead of retrying when the refresh itself is refused', async () => {
      // Signed out everywhere (or the password changed): no token will ever come back.
      mock
        .onPost('/auth/refresh/')
        .reply(401, apiError('token_not_valid', 'The session has ended.'));
      const expired = vi.fn();
      const stopListening = onSessionExpired(expired);
      vi.useFakeTimers({ shouldAdvanceTime: true });
      try {
        await startScanning();
        act(() => {
          FakeWebSocket.latest().serverClose(4401);
        });
        await act(async () => {
          await vi.advanceTimersByTimeAsync(60_000);
        });
        expect(expired).toHaveBeenCalledTimes(1);
        expect(FakeWebSocket.instances).toHaveLength(1);
        expect(mock.history.post.filter((r) => r.url === '/auth/refresh/')).toHaveLength(1);
      } finally {
        stopListening();
        vi.useRealTimers();
      }
    });

    it('reconnects with backoff after a drop, and stops on 4403', async () => {
      vi.useFakeTimers({ shouldAdvanceTime: true });
      try {
        renderScanner();
        await waitFor(() => {
          expect(screen.getByRole('button', { name: 'Start scanning' })).toBeInTheDocument();
        });
        act(() => {
          screen.getByRole('button', { name: 'Start scanning' }).click();
        });
        const first = FakeWebSocket.latest();
        act(() => {
          first.serverOpen();
          first.serverClose(1006);
        });
        expect(screen.getByText('Reconnecting…')).toBeInTheDocument();
        await act(async () => {
          await vi.advanceTimersByTimeAsync(1_500);
        });
        expect(FakeWebSocket.instances).toHaveLength(2);

        act(() => {
          FakeWebSocket.latest().serverClose(4403);
        });
        expect(screen.getByText('No live access')).toBeInTheDocument();
        await act(async () => {
          await vi.advanceTimersByTimeAsync(60_000);
        });
        expect(FakeWebSocket.instances).toHaveLength(2);
      } finally {
        vi.useRealTimers();
      }
    });
  });

  describe('camera', () => {
    it('explains a denied camera and keeps the code field working', async () => {
      const getUserMedia = vi
        .fn()
        .mockRejectedValue(new DOMException('Permission denied', 'NotAllowedError'));
      vi.stubGlobal(
        'navigator',
        Object.assign(Object.create(navigator) as Navigator, {
          mediaDevices: { getUserMedia },
        }),
      );
      await startScanning();
      expect(await screen.findByText(/Camera access was denied/)).toBeInTheDocument();
      expect(getUserMedia).toHaveBeenCalledWith({
        video: { facingMode: 'environment' },
        audio: false,
      });
      expect(screen.getByLabelText('Ticket code')).toBeEnabled();
    });

    it('works without any camera support', async () => {
      await startScanning();
      expect(screen.getByTestId('camera-message')).toHaveTextContent(/handheld scanner/);
    });
  });
});
