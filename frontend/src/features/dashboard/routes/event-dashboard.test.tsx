import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type MockAdapter from 'axios-mock-adapter';

import { EventDashboardRoute } from '@/features/dashboard/routes/event-dashboard';
import { setAccessToken } from '@/lib/auth-token';
import { formatEventTime } from '@/lib/event-time';
import type { Attendee, EventAnalytics, Paginated } from '@/types/api';
import { FakeWebSocket } from '@/testing/fake-websocket';
import {
  apiError,
  authValue,
  makeAttendee,
  makeCounters,
  makeEventAnalytics,
  makeScan,
  makeUser,
  mockApi,
  paginated,
  renderWithProviders,
  scanMessage,
  snapshotMessage,
} from '@/testing/test-utils';

const CHECKED_IN_AT = '2099-06-12T18:14:00+00:00';

function renderDashboard(route = '/dashboard/events/5') {
  return renderWithProviders(<EventDashboardRoute />, {
    auth: authValue(makeUser('organizer')),
    route,
    path: '/dashboard/events/:id',
  });
}

function analyticsRequests(mock: MockAdapter) {
  return mock.history.get.filter((request) => request.url === '/admin/analytics/');
}

function attendeeRequests(mock: MockAdapter) {
  return mock.history.get.filter((request) => request.url === '/admin/events/5/attendees/');
}

describe('EventDashboardRoute', () => {
  let mock: MockAdapter;
  let analytics: EventAnalytics;

  beforeEach(() => {
    mock = mockApi();
    analytics = makeEventAnalytics();
    mock.onGet('/admin/analytics/').reply(() => [200, analytics]);
    const attendees: Paginated<Attendee> = {
      ...paginated([
        makeAttendee(1, { name: 'Grace Hopper', checked_in_at: CHECKED_IN_AT, gate: 'North' }),
        makeAttendee(2, { name: 'Alan Turing' }),
        makeAttendee(3, { name: 'Ada Lovelace', status: 'cancelled' }),
      ]),
      count: 60,
      next: '/api/admin/events/5/attendees/?page=2',
    };
    mock.onGet('/admin/events/5/attendees/').reply(200, attendees);
    setAccessToken('acc');
    FakeWebSocket.install();
  });
  afterEach(() => {
    mock.restore();
    vi.unstubAllGlobals();
  });

  it('shows revenue in each currency on its own', async () => {
    analytics = makeEventAnalytics({
      revenue_by_currency: [
        { currency: 'EUR', amount: '900.00' },
        { currency: 'USD', amount: '100.00' },
      ],
    });
    renderDashboard();
    expect(await screen.findByTestId('card-revenue')).toHaveTextContent('€900.00 · $100.00');
    expect(screen.getByTestId('card-revenue')).not.toHaveTextContent('1,000');
  });

  it('renders the number cards from the API', async () => {
    renderDashboard();
    expect(await screen.findByRole('heading', { name: 'Night Jazz' })).toBeInTheDocument();
    expect(analyticsRequests(mock)[0]!.params).toEqual({ event: 5 });

    expect(screen.getByTestId('card-sold')).toHaveTextContent('40 / 100');
    expect(screen.getByTestId('card-sold')).toHaveTextContent('60 available');
    expect(screen.getByTestId('card-revenue')).toHaveTextContent('€1,000.00');
    expect(screen.getByTestId('checked-in-value').textContent).toMatch(/^10\b/);
    expect(within(screen.getByTestId('card-checked-in')).getByText('Checked in')).toBeVisible();
    expect(screen.getByTestId('card-no-shows')).toHaveTextContent('30');
    expect(screen.getByTestId('card-checkin-rate')).toHaveTextContent('25%');
    expect(screen.getByTestId('card-pending')).toHaveTextContent('2');
    expect(screen.getByTestId('card-pending')).toHaveTextContent('€50.00 awaiting payment');
    const byType = screen.getByRole('table');
    expect(
      within(byType)
        .getAllByRole('row')
        .map((row) => row.textContent),
    ).toEqual([
      'Ticket typeSoldPendingRevenue',
      'General admission300€750.00',
      'Balcony100€250.00',
    ]);

    expect(screen.getByRole('link', { name: 'Live door' })).toHaveAttribute(
      'href',
      '/organizer/events/5/door',
    );
    expect(screen.getByRole('link', { name: '← Dashboard' })).toHaveAttribute('href', '/dashboard');
  });

  it('shows check-ins by list once the event has more than Entry', async () => {
    analytics = makeEventAnalytics({
      by_list: [
        { id: 1, name: 'Entry', checked_in: 10 },
        { id: 2, name: 'VIP lounge', checked_in: 3 },
      ],
    });
    renderDashboard();
    const table = await screen.findByTestId('by-list');
    expect(
      within(table)
        .getAllByRole('row')
        .map((row) => row.textContent),
    ).toEqual(['Check-in listChecked in', 'Entry10', 'VIP lounge3']);
  });

  it('shows the uses and discount of each code', async () => {
    analytics = makeEventAnalytics({
      by_code: [
        { code: 'SPRING', uses: 4, discount_total: '30.00' },
        { code: 'CREW', uses: 1, discount_total: '0.00' },
      ],
    });
    renderDashboard();
    const table = await screen.findByTestId('by-code');
    expect(
      within(table)
        .getAllByRole('row')
        .map((row) => row.textContent),
    ).toEqual(['CodeUsesDiscount given', 'SPRING4€30.00', 'CREW1€0.00']);
  });

  it('shows no code table for an event without codes', async () => {
    renderDashboard();
    await screen.findAllByText(/Night Jazz/);
    expect(screen.queryByTestId('by-code')).not.toBeInTheDocument();
  });

  it('counts no-shows only after the event', async () => {
    analytics = makeEventAnalytics({ no_shows: null });
    renderDashboard();

    const card = await screen.findByTestId('card-no-shows');
    expect(card).toHaveTextContent('—');
    expect(card).toHaveTextContent('Counted after the event');
  });

  it('draws the sales, arrivals and gate charts', async () => {
    renderDashboard();
    const sales = await screen.findByTestId('sales-chart');
    expect(within(sales).getByText('Sales per day')).toBeInTheDocument();
    expect(within(sales).getByText(/40 tickets sold over 2 days/)).toBeInTheDocument();
    expect(sales.querySelector('svg')).not.toBeNull();

    const arrivals = screen.getByTestId('arrivals-chart');
    expect(within(arrivals).getByText(/10 arrivals; busiest 5 minutes from/)).toBeInTheDocument();
    expect(arrivals.querySelector('svg')).not.toBeNull();

    const gates = screen.getByTestId('gates-chart');
    expect(within(gates).getByText('North: 7, South: 3')).toBeInTheDocument();
    expect(gates.querySelector('svg')).not.toBeNull();
  });

  it('shows empty states before any sale or arrival', async () => {
    analytics = makeEventAnalytics({
      tickets_sold: 0,
      checked_in: 0,
      no_shows: 0,
      checkin_rate: 0,
      revenue: '0.00',
      sales: [],
      arrivals: [{ start: '2099-06-12T18:00:00+00:00', count: 0 }],
      by_gate: [],
    });
    mock.onGet('/admin/events/5/attendees/').reply(200, paginated([]));
    renderDashboard();
    expect(await screen.findByTestId('sales-chart-empty')).toHaveTextContent('No sales yet.');
    expect(screen.getByTestId('arrivals-chart-empty')).toHaveTextContent('No arrivals yet.');
    expect(screen.getByTestId('gates-chart-empty')).toHaveTextContent('No admissions yet.');
    expect(await screen.findByText('No tickets sold yet.')).toBeInTheDocument();
    expect(screen.getByTestId('card-checkin-rate')).toHaveTextContent('0%');
  });

  it('lists attendees with their check-in status', async () => {
    renderDashboard();
    const rows = await screen.findAllByTestId('attendee-row');
    expect(rows).toHaveLength(3);
    expect(rows[0]).toHaveTextContent('Grace Hopper');
    expect(rows[0]).toHaveTextContent(
      `Checked in at ${formatEventTime(CHECKED_IN_AT, makeEventAnalytics().timezone)}, North`,
    );
    expect(rows[1]).toHaveTextContent('Not yet');
    expect(rows[2]).toHaveTextContent('Cancelled');
    expect(screen.getByRole('heading', { name: 'Attendees (60)' })).toBeInTheDocument();

    await userEvent.setup().click(screen.getByRole('button', { name: 'Next' }));
    await waitFor(() => {
      expect(attendeeRequests(mock).at(-1)!.params).toMatchObject({ page: 2 });
    });
  });

  it('searches attendees with search=', async () => {
    const user = userEvent.setup();
    renderDashboard();
    await screen.findAllByTestId('attendee-row');
    expect(attendeeRequests(mock)[0]!.params).toMatchObject({ page: 1, search: undefined });

    await user.type(screen.getByLabelText('Search attendees'), 'grace');
    await waitFor(() => {
      expect(attendeeRequests(mock).at(-1)!.params).toMatchObject({ search: 'grace', page: 1 });
    });
    // Debounced: one request for the whole word, not one per keystroke.
    expect(
      attendeeRequests(mock).filter((r) => (r.params as { search?: string }).search !== undefined),
    ).toHaveLength(1);
  });

  it('updates the live cards from a scan before refetching, then refreshes', async () => {
    renderDashboard();
    await screen.findByRole('heading', { name: 'Night Jazz' });
    await screen.findAllByTestId('attendee-row');
    const socket = FakeWebSocket.latest();
    expect(socket.url).toMatch(/\/ws\/events\/5\/attendance\/$/);
    expect(socket.protocols).toEqual(['qr-entry.jwt', 'acc']);

    act(() => {
      socket.serverOpen();
      socket.serverSend(
        snapshotMessage(makeCounters({ checked_in: 10, tickets_sold: 40, capacity: 100 })),
      );
    });
    expect(screen.getByTestId('connection-status')).toHaveTextContent('Connected');
    const analyticsBefore = analyticsRequests(mock).length;
    const attendeesBefore = attendeeRequests(mock).length;

    analytics = makeEventAnalytics({ checked_in: 11, no_shows: 29, checkin_rate: 0.275 });
    act(() => {
      socket.serverSend(
        scanMessage(
          makeScan({ id: 40 }),
          makeCounters({ checked_in: 11, tickets_sold: 40, capacity: 100 }),
        ),
      );
    });

    // At once, from the message alone (the query cache notifies on its next tick).
    await waitFor(() => {
      expect(screen.getByTestId('checked-in-value').textContent).toMatch(/^11\b/);
    });
    expect(screen.getByTestId('card-no-shows')).toHaveTextContent('29');
    expect(screen.getByTestId('card-checkin-rate')).toHaveTextContent('28%');
    expect(analyticsRequests(mock)).toHaveLength(analyticsBefore);
    expect(attendeeRequests(mock)).toHaveLength(attendeesBefore);

    // Then, coalesced, curves and rows are refetched.
    await waitFor(
      () => {
        expect(analyticsRequests(mock)).toHaveLength(analyticsBefore + 1);
        expect(attendeeRequests(mock)).toHaveLength(attendeesBefore + 1);
      },
      { timeout: 3000 },
    );
    expect(screen.getByTestId('checked-in-value').textContent).toMatch(/^11\b/);
  });

  it('exports the attendee list as a CSV download', async () => {
    const blob = new Blob(['ticket,booking\n1,1\n'], { type: 'text/csv' });
    mock.onGet('/admin/events/5/attendees.csv').reply(200, blob, {
      'content-disposition': 'attachment; filename="attendees-5-night-jazz.csv"',
    });
    const createObjectURL = vi.fn(() => 'blob:csv');
    const revokeObjectURL = vi.fn();
    // jsdom has no object URLs. Left in place after the test: the revoke runs on a timer.
    Object.assign(URL, { createObjectURL, revokeObjectURL });
    const clicked: HTMLAnchorElement[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      clicked.push(this);
    });

    renderDashboard();
    await userEvent.setup().click(await screen.findByRole('button', { name: 'Export CSV' }));

    await waitFor(() => {
      expect(clicked).toHaveLength(1);
    });
    const request = mock.history.get.find((r) => r.url === '/admin/events/5/attendees.csv')!;
    expect(request.responseType).toBe('blob');
    expect((request.headers as Record<string, string>).Authorization).toBe('Bearer acc');
    expect(createObjectURL).toHaveBeenCalledWith(blob);
    expect(clicked[0]!.download).toBe('attendees-5-night-jazz.csv');
    expect(clicked[0]!.getAttribute('href')).toBe('blob:csv');
  });

  it('shows "Event not found" for a 404 and opens no socket', async () => {
    mock.onGet('/admin/analytics/').reply(404, apiError('not_found', 'No such event.'));
    renderDashboard('/dashboard/events/77');
    expect(await screen.findByRole('heading', { name: 'Event not found' })).toBeInTheDocument();
    expect(FakeWebSocket.instances).toHaveLength(0);
  });

  it('shows "Event not found" for an id that is not a number', () => {
    renderDashboard('/dashboard/events/abc');
    expect(screen.getByRole('heading', { name: 'Event not found' })).toBeInTheDocument();
    expect(mock.history.get).toHaveLength(0);
  });
});
