import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { TicketSearch } from '@/features/scanner/components/ticket-search';
import type { TicketSearchResult } from '@/types/api';
import { mockApi, paginated, renderWithProviders } from '@/testing/test-utils';

function found(id: number, overrides: Partial<TicketSearchResult> = {}): TicketSearchResult {
  return {
    id,
    booking: 3,
    backup_code: '****WXYZ',
    holder_name: 'Grace Hopper',
    attendee_name: 'Grace Hopper',
    ticket_type: { id: 2, name: 'VIP' },
    status: 'valid',
    checked_in_at: null,
    checked_in_gate: '',
    inside: false,
    ...overrides,
  };
}

describe('TicketSearch', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('asks for three characters before it searches', async () => {
    const mock = mockApi();
    renderWithProviders(
      <TicketSearch eventId={5} mode="online" timeZone="Europe/Lisbon" onCheckIn={vi.fn()} />,
    );
    await userEvent.type(screen.getByRole('searchbox'), 'Gr');
    expect(screen.getByText('Type at least 3 characters to search.')).toBeInTheDocument();
    expect(mock.history.get).toHaveLength(0);
  });

  it('shows the name, the ticket type and the masked backup code, no e-mail', async () => {
    const mock = mockApi();
    mock.onGet('/attendance/search/').reply(200, paginated([found(9)]));
    const onCheckIn = vi.fn();
    renderWithProviders(
      <TicketSearch eventId={5} mode="online" timeZone="Europe/Lisbon" onCheckIn={onCheckIn} />,
    );
    await userEvent.type(screen.getByRole('searchbox'), 'Gra');
    expect(await screen.findByText('Grace Hopper · Ticket #9')).toBeInTheDocument();
    expect(screen.getByText('VIP')).toBeInTheDocument();
    expect(screen.getByText(/Backup code \*\*\*\*WXYZ/)).toBeInTheDocument();
    expect(screen.queryByText(/@/)).not.toBeInTheDocument();
    expect(mock.history.get[0]?.params).toMatchObject({ event: 5, q: 'Gra', page_size: 20 });
    await userEvent.click(screen.getByRole('button', { name: 'Check in' }));
    expect(onCheckIn).toHaveBeenCalledWith(9, 'Grace Hopper (#9)');
  });
});
