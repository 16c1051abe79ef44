import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type MockAdapter from 'axios-mock-adapter';

import { EventsListRoute } from '@/features/events/routes/events-list';
import {
  makeEvent,
  mockApi,
  paginated,
  renderWithProviders,
  inTimeZone,
} from '@/testing/test-utils';

// Date reads TZ at call time: run in a zone with an offset and DST, even on a UTC machine.
inTimeZone('Europe/Berlin');

function eventRequests(mock: MockAdapter) {
  return mock.history.get
    .filter((r) => r.url === '/events/')
    .map((r) => r.params as Record<string, unknown>);
}

describe('EventsListRoute filters', () => {
  let mock: MockAdapter;
  beforeEach(() => {
    mock = mockApi();
    mock.onGet('/events/categories/').reply(200, [
      { value: 'music', label: 'Music' },
      { value: 'tech', label: 'Tech' },
    ]);
    mock.onGet('/events/').reply(200, paginated([makeEvent()]));
  });
  afterEach(() => {
    mock.restore();
  });

  it('reads the filters from the URL and sends them to the API', async () => {
    renderWithProviders(<EventsListRoute />, {
      route: '/?search=jazz&category=music&from=2026-06-01&to=2026-06-30&ordering=-price&page=2',
    });

    expect(await screen.findByText('Night Jazz')).toBeInTheDocument();
    expect(eventRequests(mock)[0]).toEqual({
      page: 2,
      page_size: 12,
      search: 'jazz',
      category: 'music',
      starts_after: '2026-06-01T00:00:00+02:00',
      starts_before: '2026-07-01T00:00:00+02:00',
      ordering: '-price',
    });
    expect(screen.getByLabelText('Category')).toHaveValue('music');
    expect(screen.getByLabelText('Sort by')).toHaveValue('-price');
    expect(screen.getByLabelText('From')).toHaveValue('2026-06-01');
    expect(screen.getByLabelText('To')).toHaveValue('2026-06-30');
  });

  it('changing a filter refetches from page 1', async () => {
    renderWithProviders(<EventsListRoute />, { route: '/?page=3' });
    await screen.findByText('Night Jazz');
    await screen.findByRole('option', { name: 'Tech' });

    await userEvent.setup().selectOptions(screen.getByLabelText('Category'), 'tech');

    await vi.waitFor(() => {
      expect(eventRequests(mock).at(-1)).toMatchObject({ page: 1, category: 'tech' });
    });
    expect(eventRequests(mock)[0]).toMatchObject({ page: 3, category: undefined });
  });

  it('browses past events with when=past, keeping it through filters', async () => {
    mock
      .onGet('/events/')
      .reply(200, paginated([makeEvent({ title: 'Last Winter Gala', phase: 'ended' })]));
    renderWithProviders(<EventsListRoute />, { route: '/' });
    await screen.findByRole('heading', { name: 'Upcoming events' });
    const user = userEvent.setup();

    await user.click(screen.getByRole('link', { name: 'Past events' }));

    expect(await screen.findByRole('heading', { name: 'Past events' })).toBeInTheDocument();
    await vi.waitFor(() => {
      expect(eventRequests(mock).at(-1)).toMatchObject({ when: 'past', page: 1 });
    });
    // An ended event shows as ended, never with "tickets left".
    expect(await screen.findByText('Ended')).toBeInTheDocument();
    expect(screen.queryByText(/tickets left/)).not.toBeInTheDocument();
    await screen.findByRole('option', { name: 'Tech' });
    await user.selectOptions(screen.getByLabelText('Category'), 'tech');
    await vi.waitFor(() => {
      expect(eventRequests(mock).at(-1)).toMatchObject({ when: 'past', category: 'tech' });
    });
  });
});
