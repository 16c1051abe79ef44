import { fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type MockAdapter from 'axios-mock-adapter';

import { TicketTypesSection } from '@/features/events/components/ticket-types-section';
import type { Event } from '@/types/api';
import {
  apiError,
  authValue,
  inTimeZone,
  makeEvent,
  makeTicketType,
  makeUser,
  mockApi,
  renderWithProviders,
} from '@/testing/test-utils';

inTimeZone('Europe/Berlin');

const event = makeEvent({
  id: 31,
  capacity: 200,
  ticket_types: [
    makeTicketType(2, {
      name: 'Balcony',
      price: '40.00',
      quota: 50,
      sold: 12,
      pending: 3,
      position: 1,
    }),
    makeTicketType(1, {
      name: 'Floor',
      price: '15.00',
      sold: 0,
      position: 0,
      sales_end: '2099-06-01T10:00:00Z',
      max_per_booking: 2,
    }),
  ],
});

function renderSection(shown: Event = event) {
  return renderWithProviders(<TicketTypesSection event={shown} />, {
    auth: authValue(makeUser('organizer', { id: 99 })),
    route: '/organizer/events/31',
    path: '/organizer/events/:id',
  });
}

function row(name: string): HTMLElement {
  const found = screen
    .getAllByTestId('ticket-type-row')
    .find((element) => element.textContent.includes(name));
  if (!found) throw new Error(`no row for ${name}`);
  return found;
}

describe('TicketTypesSection', () => {
  let mock: MockAdapter;
  beforeEach(() => {
    mock = mockApi();
  });
  afterEach(() => {
    mock.restore();
  });

  it('lists the types in order with price, sold, quota and sales window', () => {
    renderSection();
    const rows = screen.getAllByTestId('ticket-type-row');
    expect(rows[0]).toHaveTextContent('Floor');
    expect(rows[0]).toHaveTextContent('0 sold');
    expect(rows[0]).toHaveTextContent('at most 2 per booking');
    expect(rows[0]).toHaveTextContent(/On sale until .*(CEST|GMT\+2)/);
    expect(rows[1]).toHaveTextContent('Balcony');
    expect(rows[1]).toHaveTextContent('40.00');
    expect(rows[1]).toHaveTextContent('12 sold, 3 pending / 50');
    expect(rows[1]).toHaveTextContent('On sale now');
  });

  it('adds a type with its quota and sales window in local time', async () => {
    mock.onPost('/events/31/ticket-types/').reply(201, makeTicketType(3, { name: 'VIP' }));
    const { queryClient } = renderSection();
    const invalidate = vi.spyOn(queryClient, 'invalidateQueries');
    const user = userEvent.setup();

    await user.click(screen.getByRole('button', { name: 'Add ticket type' }));
    await user.type(screen.getByLabelText('Name'), 'VIP');
    await user.clear(screen.getByLabelText('Price'));
    await user.type(screen.getByLabelText('Price'), '99,50');
    await user.type(screen.getByLabelText('Quota'), '20');
    fireEvent.change(screen.getByLabelText('Sales start'), {
      target: { value: '2099-05-01T09:00' },
    });
    await user.click(screen.getByRole('button', { name: 'Add ticket type' }));

    await vi.waitFor(() => {
      expect(screen.queryByLabelText('Name')).not.toBeInTheDocument();
    });
    expect(JSON.parse(mock.history.post[0]!.data as string)).toEqual({
      name: 'VIP',
      description: '',
      price: '99.50',
      quota: 20,
      sales_start: '2099-05-01T09:00:00+02:00',
      sales_end: null,
      max_per_booking: null,
      position: 2,
      hidden: false,
    });
    expect(invalidate).toHaveBeenCalledWith({ queryKey: ['events'] });
  });

  it('hides a type behind access codes with the Hidden switch, and marks it in the list', async () => {
    mock.onPatch('/events/31/ticket-types/1/').reply(200, makeTicketType(1, { hidden: true }));
    renderSection(
      makeEvent({
        id: 31,
        ticket_types: [
          makeTicketType(1, { name: 'Floor' }),
          makeTicketType(4, { name: 'Crew', hidden: true, position: 2 }),
        ],
      }),
    );
    const user = userEvent.setup();
    expect(row('Crew')).toHaveTextContent('Hidden: access code only');
    expect(row('Floor')).not.toHaveTextContent('Hidden');

    await user.click(screen.getByRole('button', { name: 'Edit Floor' }));
    const hidden = screen.getByRole('switch', { name: 'Hidden' });
    expect(hidden).not.toBeChecked();
    await user.click(hidden);
    await user.click(screen.getByRole('button', { name: 'Save ticket type' }));

    await vi.waitFor(() => {
      expect(mock.history.patch).toHaveLength(1);
    });
    expect(JSON.parse(mock.history.patch[0]!.data as string)).toMatchObject({ hidden: true });
  });

  it('shows quota_below_sold next to Quota', async () => {
    mock
      .onPatch('/events/31/ticket-types/2/')
      .reply(409, apiError('quota_below_sold', 'The quota cannot be below the 12 tickets sold.'));
    renderSection();
    const user = userEvent.setup();

    await user.click(screen.getByRole('button', { name: 'Edit Balcony' }));
    expect(screen.getByLabelText('Name')).toHaveValue('Balcony');
    await user.clear(screen.getByLabelText('Quota'));
    await user.type(screen.getByLabelText('Quota'), '5');
    await user.click(screen.getByRole('button', { name: 'Save ticket type' }));

    await vi.waitFor(() => {
      expect(screen.getByLabelText('Quota')).toHaveAccessibleDescription(
        'The quota cannot be below the 12 tickets sold.',
      );
    });
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(JSON.parse(mock.history.patch[0]!.data as string)).toMatchObject({ quota: 5 });
  });

  it('explains ticket_type_has_sales when deleting a type that sold', async () => {
    mock
      .onDelete('/events/31/ticket-types/2/')
      .reply(409, apiError('ticket_type_has_sales', 'This ticket type has sales.'));
    renderSection();

    await userEvent.setup().click(screen.getByRole('button', { name: 'Delete Balcony' }));

    const alert = await within(row('Balcony')).findByRole('alert');
    expect(alert).toHaveTextContent('Balcony has sales and is kept');
    expect(alert).toHaveTextContent('set its sales end');
  });

  it('deletes a type without sales', async () => {
    mock.onDelete('/events/31/ticket-types/1/').reply(204);
    const { queryClient } = renderSection();
    const invalidate = vi.spyOn(queryClient, 'invalidateQueries');

    await userEvent.setup().click(screen.getByRole('button', { name: 'Delete Floor' }));

    await vi.waitFor(() => {
      expect(invalidate).toHaveBeenCalledWith({ queryKey: ['events'] });
    });
    expect(mock.history.delete.map((r) => r.url)).toEqual(['/events/31/ticket-types/1/']);
  });
});
