import { screen, within } from '@testing-library/react';
import type MockAdapter from 'axios-mock-adapter';

import { DashboardOverviewRoute } from '@/features/dashboard/routes/dashboard-overview';
import {
  apiError,
  authValue,
  makeSummary,
  makeUser,
  mockApi,
  renderWithProviders,
} from '@/testing/test-utils';

function renderOverview() {
  return renderWithProviders(<DashboardOverviewRoute />, {
    auth: authValue(makeUser('organizer')),
    route: '/dashboard',
    path: '/dashboard',
  });
}

describe('DashboardOverviewRoute', () => {
  let mock: MockAdapter;
  beforeEach(() => {
    mock = mockApi();
  });
  afterEach(() => {
    mock.restore();
  });

  it('renders the totals and one row per event', async () => {
    mock.onGet('/admin/analytics/').reply(200, makeSummary());
    renderOverview();

    expect(await screen.findByTestId('total-sold')).toHaveTextContent('120 / 300');
    expect(screen.getByTestId('total-revenue')).toHaveTextContent('€3,000.00');
    expect(screen.getByTestId('total-checked-in')).toHaveTextContent('30');
    expect(screen.getByTestId('total-no-shows')).toHaveTextContent('90');
    expect(screen.getByTestId('total-checkin-rate')).toHaveTextContent('25%');
    expect(mock.history.get[0]!.params).toBeUndefined();

    const rows = screen.getAllByTestId('event-row');
    expect(rows).toHaveLength(2);
    const first = within(rows[0]!);
    expect(first.getByRole('link', { name: 'Night Jazz' })).toHaveAttribute(
      'href',
      '/dashboard/events/5',
    );
    expect(first.getByText('On sale')).toBeInTheDocument();
    expect(rows[0]).toHaveTextContent('40 sold / 100');
    expect(rows[0]).toHaveTextContent('€1,000.00');
    expect(rows[0]).toHaveTextContent('25%');
    expect(within(rows[1]!).getByRole('link', { name: 'Morning Choir' })).toHaveAttribute(
      'href',
      '/dashboard/events/6',
    );
  });

  it('shows revenue per currency, never one sum across currencies', async () => {
    const summary = makeSummary();
    summary.totals.currencies = ['EUR', 'USD'];
    summary.totals.revenue = null;
    summary.totals.revenue_by_currency = [
      { currency: 'EUR', amount: '1000.00' },
      { currency: 'USD', amount: '234.50' },
    ];
    mock.onGet('/admin/analytics/').reply(200, summary);
    renderOverview();

    const revenue = await screen.findByTestId('total-revenue');
    expect(revenue).toHaveTextContent('€1,000.00 · $234.50');
    expect(revenue).not.toHaveTextContent('1,234.50');
    expect(revenue).toHaveTextContent('Per currency, paid minus refunded');
  });

  it('shows no no-shows before any event is over', async () => {
    const summary = makeSummary();
    summary.totals.no_shows = null;
    mock.onGet('/admin/analytics/').reply(200, summary);
    renderOverview();

    expect(await screen.findByTestId('total-no-shows')).toHaveTextContent('—');
  });

  it('has an empty state without events', async () => {
    const summary = makeSummary({ events: [] });
    mock.onGet('/admin/analytics/').reply(200, summary);
    renderOverview();
    expect(await screen.findByText('You have no events yet.')).toBeInTheDocument();
  });

  it('shows the error detail when the summary fails', async () => {
    mock.onGet('/admin/analytics/').reply(403, apiError('permission_denied', 'Organizers only.'));
    renderOverview();
    expect(await screen.findByRole('alert')).toHaveTextContent('Organizers only.');
  });
});
