import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type MockAdapter from 'axios-mock-adapter';

import { BookingPanel } from '@/features/bookings/components/booking-panel';
import type { Question } from '@/types/api';
import {
  apiError,
  authValue,
  makeBooking,
  makeEvent,
  makeTicketType,
  makeUser,
  mockApi,
  paginated,
  renderWithProviders,
} from '@/testing/test-utils';

function question(id: number, overrides: Partial<Question> = {}): Question {
  return {
    id,
    label: `Question ${String(id)}`,
    kind: 'text',
    options: [],
    required: false,
    per: 'ticket',
    ticket_types: [],
    position: id,
    ...overrides,
  };
}

const GENERAL = makeTicketType(21, { name: 'General admission', price: '0.00', position: 0 });
const VIP = makeTicketType(22, { name: 'VIP table', price: '0.00', position: 1 });
const EVENT = makeEvent({ ticket_types: [GENERAL, VIP], price: '0.00' });
const QUESTIONS = [
  question(1, {
    label: 'Dietary needs',
    kind: 'choice',
    options: ['None', 'Vegan'],
    required: true,
  }),
  question(2, { label: 'Table wish', ticket_types: [{ id: 22, name: 'VIP table' }] }),
  question(3, { label: 'Company', per: 'booking' }),
  question(4, { label: 'I accept the house rules', kind: 'boolean', per: 'booking' }),
];

function renderPanel() {
  return renderWithProviders(<BookingPanel event={EVENT} />, {
    auth: authValue(makeUser('attendee', { name: 'Bea Booker' })),
    route: '/events/5',
    path: '/events/:id',
  });
}

describe('BookingPanel: holders and questions', () => {
  let mock: MockAdapter;
  beforeEach(() => {
    mock = mockApi();
    mock.onGet('/bookings/').reply(200, paginated([]));
    mock.onGet('/events/5/questions/').reply(200, QUESTIONS);
  });
  afterEach(() => {
    mock.restore();
  });

  it('asks a name and the questions of its type for every ticket, and the booking ones once', async () => {
    mock.onPost('/book-ticket/').reply(201, makeBooking({ id: 42 }));
    renderPanel();
    const user = userEvent.setup();
    await user.selectOptions(await screen.findByLabelText('General admission quantity'), '1');
    await user.selectOptions(screen.getByLabelText('VIP table quantity'), '1');

    const general = screen.getByRole('group', { name: 'General admission' });
    const vip = screen.getByRole('group', { name: 'VIP table' });
    expect(within(general).getByLabelText(/^Name on this ticket/)).toHaveAttribute(
      'placeholder',
      'Bea Booker',
    );
    expect(within(general).getByLabelText('Dietary needs (required)')).toBeRequired();
    expect(within(general).queryByLabelText('Table wish')).not.toBeInTheDocument();
    expect(within(vip).getByLabelText('Table wish')).toBeInTheDocument();
    expect(screen.getAllByLabelText('Company')).toHaveLength(1);

    await user.type(within(general).getByLabelText(/^Name on this ticket/), 'Gus General');
    await user.selectOptions(within(general).getByLabelText('Dietary needs (required)'), 'Vegan');
    await user.type(within(vip).getByLabelText(/^Name on this ticket/), 'Vera Vip');
    await user.selectOptions(within(vip).getByLabelText('Dietary needs (required)'), 'None');
    await user.type(within(vip).getByLabelText('Table wish'), 'By the window');
    await user.type(screen.getByLabelText('Company'), 'ACME');
    await user.click(screen.getByLabelText('I accept the house rules'));
    await user.click(screen.getByRole('button', { name: 'Book tickets' }));

    await vi.waitFor(() => {
      expect(mock.history.post).toHaveLength(1);
    });
    expect(JSON.parse(mock.history.post[0]!.data as string)).toMatchObject({
      items: [
        { ticket_type: 21, quantity: 1 },
        { ticket_type: 22, quantity: 1 },
      ],
      attendees: [
        { name: 'Gus General', answers: { '1': 'Vegan' } },
        { name: 'Vera Vip', answers: { '1': 'None', '2': 'By the window' } },
      ],
      answers: { '3': 'ACME', '4': true },
    });
  });

  it('shows the server’s errors next to the right ticket’s input', async () => {
    mock.onPost('/book-ticket/').reply(
      400,
      apiError('validation_error', 'Invalid input.', {
        'attendees.1.answers.1': ['This question needs an answer.'],
        'attendees.0.name': ['At most 100 characters.'],
      }),
    );
    renderPanel();
    const user = userEvent.setup();
    await user.selectOptions(await screen.findByLabelText('General admission quantity'), '2');
    await user.click(screen.getByRole('button', { name: 'Book tickets' }));

    const second = screen.getByRole('group', { name: 'General admission, ticket 2' });
    const first = screen.getByRole('group', { name: 'General admission, ticket 1' });
    expect(
      await within(second).findByLabelText('Dietary needs (required)'),
    ).toHaveAccessibleDescription('This question needs an answer.');
    expect(within(first).getByLabelText(/^Name on this ticket/)).toHaveAccessibleDescription(
      'At most 100 characters.',
    );
    expect(within(first).getByLabelText('Dietary needs (required)')).not.toHaveAttribute(
      'aria-invalid',
    );
  });
});
