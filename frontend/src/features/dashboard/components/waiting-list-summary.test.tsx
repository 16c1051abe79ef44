import { screen } from '@testing-library/react';
import type MockAdapter from 'axios-mock-adapter';

import { WaitingListSummary } from '@/features/dashboard/components/waiting-list-summary';
import type { EventWaitingListEntry, WaitingStatus } from '@/types/api';
import { authValue, makeUser, mockApi, renderWithProviders } from '@/testing/test-utils';

function row(id: number, status: WaitingStatus): EventWaitingListEntry {
  return {
    id,
    ticket_type: { id: 11, name: 'General admission' },
    quantity: 1,
    status,
    position: status === 'waiting' || status === 'offered' ? id : null,
    created_at: '2099-06-01T10:00:00Z',
    offer_expires_at: status === 'offered' ? '2099-06-02T10:00:00Z' : null,
    booking: null,
    user: { name: `P${String(id)}`, email: `p${String(id)}@x.test` },
  };
}

describe('WaitingListSummary', () => {
  let mock: MockAdapter;
  beforeEach(() => {
    mock = mockApi();
  });
  afterEach(() => {
    mock.restore();
  });

  it('counts the people by status and links to the list', async () => {
    mock
      .onGet('/events/5/waiting-list/')
      .reply(200, [row(1, 'booked'), row(2, 'offered'), row(3, 'waiting'), row(4, 'waiting')]);
    renderWithProviders(<WaitingListSummary eventId={5} />, {
      auth: authValue(makeUser('organizer')),
    });
    const summary = await screen.findByTestId('waiting-summary');
    expect(summary).toHaveTextContent('Waiting2');
    expect(summary).toHaveTextContent('Offered now1');
    expect(summary).toHaveTextContent('Booked from an offer1');
    expect(screen.getByRole('link', { name: 'See who waits' })).toHaveAttribute(
      'href',
      '/organizer/events/5',
    );
  });

  it('shows nothing while nobody has joined', async () => {
    mock.onGet('/events/5/waiting-list/').reply(200, []);
    const { container } = renderWithProviders(<WaitingListSummary eventId={5} />, {
      auth: authValue(makeUser('organizer')),
    });
    await vi.waitFor(() => {
      expect(mock.history.get).toHaveLength(1);
    });
    expect(container.querySelector('[data-testid="waiting-summary"]')).toBeNull();
  });
});
