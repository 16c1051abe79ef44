import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type MockAdapter from 'axios-mock-adapter';

import { LiveDoorRoute } from '@/features/scanner/routes/live-door';
import { setAccessToken } from '@/lib/auth-token';
import type { Role } from '@/types/api';
import { FakeWebSocket } from '@/testing/fake-websocket';
import {
  apiError,
  authValue,
  makeCounters,
  makeEvent,
  makeScan,
  makeUndoResult,
  makeUser,
  mockApi,
  paginated,
  renderWithProviders,
  scanMessage,
  snapshotMessage,
} from '@/testing/test-utils';

function renderDoor(role: Role = 'organizer') {
  return renderWithProviders(<LiveDoorRoute />, {
    auth: authValue(makeUser(role)),
    route: '/organizer/events/5/door',
    path: '/organizer/events/:id/door',
  });
}

describe('LiveDoorRoute', () => {
  let mock: MockAdapter;
  beforeEach(() => {
    mock = mockApi();
    mock
      .onGet('/events/5/')
      .reply(200, makeEvent({ id: 5, title: 'Night Jazz', can_manage: true, can_scan: true }));
    mock.onGet('/attendance/').reply(200, paginated([makeScan()]));
    setAccessToken('acc');
    FakeWebSocket.install();
  });
  afterEach(() => {
    mock.restore();
    vi.unstubAllGlobals();
  });

  it('shows live counters, inside by gate, and refreshes the log on live scans', async () => {
    renderDoor();
    expect(await screen.findByRole('heading', { name: 'Live door: Night Jazz' })).toBeVisible();
    const socket = FakeWebSocket.latest();
    expect(socket.url).toMatch(/\/ws\/events\/5\/attendance\/$/);

    act(() => {
      socket.serverOpen();
      socket.serverSend(
        snapshotMessage(makeCounters({ checked_in: 3, tickets_sold: 12, capacity: 50 })),
      );
    });
    expect(screen.getByTestId('checked-in-count')).toHaveTextContent('3');
    expect(screen.getByTestId('tickets-sold-count')).toHaveTextContent('12');
    expect(screen.getByTestId('capacity-count')).toHaveTextContent('50');
    expect(screen.getByText('25%')).toBeInTheDocument();

    act(() => {
      socket.serverSend(
        scanMessage(
          makeScan({ id: 30, suspected_sharing: true, result: 'rejected', reason: 'duplicate' }),
          makeCounters({ checked_in: 4, tickets_sold: 12, capacity: 50 }),
        ),
      );
    });
    expect(screen.getByTestId('checked-in-count')).toHaveTextContent('4');
    // No second, separate feed: the scan log is fetched again with the new scan.
    expect(screen.queryByTestId('live-feed')).not.toBeInTheDocument();
    const logRequests = () => mock.history.get.filter((r) => r.url === '/attendance/').length;
    const before = logRequests();
    await waitFor(() => {
      expect(logRequests()).toBeGreaterThan(before);
    });
  });

  it('shows who is inside now, per gate, and warns when the venue is full', async () => {
    renderDoor();
    await screen.findByRole('heading', { name: 'Live door: Night Jazz' });
    const socket = FakeWebSocket.latest();
    act(() => {
      socket.serverOpen();
      socket.serverSend(
        snapshotMessage(
          makeCounters({
            checked_in: 52,
            inside: 50,
            capacity: 50,
            by_gate: [
              { gate: 'North', inside: 30 },
              { gate: 'South', inside: 20 },
            ],
          }),
        ),
      );
    });
    expect(screen.getByTestId('inside-count')).toHaveTextContent('50');
    expect(screen.getByTestId('by-gate')).toHaveTextContent('North: 30 inside');
    expect(screen.getByTestId('capacity-warning')).toHaveTextContent('50 inside of 50');
  });

  it('lists the scan log and undoes a check-in after confirmation', async () => {
    mock.onPost('/attendance/undo/').reply(
      200,
      makeUndoResult({
        scan: makeScan({ id: 2, result: 'undone' }),
        counters: makeCounters({ checked_in: 0 }),
      }),
    );
    const user = userEvent.setup();
    renderDoor();

    await user.click(await screen.findByRole('button', { name: 'Undo check-in' }));
    expect(mock.history.post).toHaveLength(0);
    await user.click(screen.getByRole('button', { name: 'Yes, undo' }));

    await waitFor(() => {
      expect(mock.history.post).toHaveLength(1);
    });
    expect(JSON.parse(mock.history.post[0]!.data as string)).toEqual({ event: 5, ticket: 7 });
    expect(await screen.findByText('Check-in undone for Grace Hopper.')).toBeInTheDocument();
    expect(screen.getByTestId('checked-in-count')).toHaveTextContent('0');
    expect(mock.history.get.filter((r) => r.url === '/attendance/').length).toBeGreaterThan(1);
  });

  it('explains a ticket that is no longer checked in', async () => {
    mock
      .onPost('/attendance/undo/')
      .reply(409, apiError('not_checked_in', 'Ticket is not checked in.'));
    const user = userEvent.setup();
    renderDoor();
    await user.click(await screen.findByRole('button', { name: 'Undo check-in' }));
    await user.click(screen.getByRole('button', { name: 'Yes, undo' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('already undone');
  });

  it('offers no undo to door staff', async () => {
    mock
      .onGet('/events/5/')
      .reply(200, makeEvent({ id: 5, title: 'Night Jazz', can_manage: false, can_scan: true }));
    renderDoor('attendee');
    expect(await screen.findByText(/Grace Hopper/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Undo check-in' })).not.toBeInTheDocument();
  });

  it('offers no undo or manage link to an organizer at the door of an event not theirs', async () => {
    // The event says what this viewer may do; the role alone does not.
    mock
      .onGet('/events/5/')
      .reply(200, makeEvent({ id: 5, title: 'Night Jazz', can_manage: false, can_scan: true }));
    renderDoor('organizer');
    expect(await screen.findByText(/Grace Hopper/)).toBeInTheDocument();
    await screen.findByRole('heading', { name: 'Live door: Night Jazz' });
    expect(screen.queryByRole('button', { name: 'Undo check-in' })).not.toBeInTheDocument();
    expect(screen.queryByRole('link', { name: '← Manage event' })).not.toBeInTheDocument();
  });

  it('links to the event management page when the event says the viewer may manage it', async () => {
    renderDoor('attendee');
    expect(await screen.findByRole('link', { name: '← Manage event' })).toHaveAttribute(
      'href',
      '/organizer/events/5',
    );
  });

  it('filters the log by result and shared tickets', async () => {
    const user = userEvent.setup();
    renderDoor();
    await screen.findByText(/Grace Hopper/);
    await user.selectOptions(screen.getByLabelText('Result'), 'rejected');
    await user.click(screen.getByLabelText('Only possible shared tickets'));
    await waitFor(() => {
      expect(mock.history.get.at(-1)!.params).toMatchObject({
        event: 5,
        result: 'rejected',
        suspected_sharing: true,
      });
    });
  });

  it('shows a no-access view when the API says 403', async () => {
    mock.onGet('/attendance/').reply(403, apiError('permission_denied', 'Not your event.'));
    renderDoor('attendee');
    expect(
      await screen.findByRole('heading', { name: "You don't have access to this door" }),
    ).toBeInTheDocument();
  });

  it('shows a no-access view when the socket closes with 4403', async () => {
    renderDoor('attendee');
    await screen.findByText(/Grace Hopper/);
    act(() => {
      FakeWebSocket.latest().serverClose(4403);
    });
    expect(
      screen.getByRole('heading', { name: "You don't have access to this door" }),
    ).toBeInTheDocument();
  });
});
