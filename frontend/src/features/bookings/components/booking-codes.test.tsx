import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type MockAdapter from 'axios-mock-adapter';

import { BookingPanel } from '@/features/bookings/components/booking-panel';
import { discountCents, ticketDiscountCents } from '@/features/bookings/utils/discount';
import type { CodeTerms, Event } from '@/types/api';
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

const standard = makeTicketType(11, { name: 'Standard', price: '20.00', available: 50 });
const vip = makeTicketType(12, { name: 'VIP', price: '50.00', available: 50, position: 1 });
const crew = makeTicketType(13, {
  name: 'Crew',
  price: '8.00',
  available: 50,
  position: 2,
  hidden: true,
});
const event = makeEvent({ max_per_booking: 4, ticket_types: [standard, vip] });

function terms(overrides: Partial<CodeTerms> = {}): CodeTerms {
  return {
    code: 'SAVE',
    kind: 'discount',
    percent_off: '15.00',
    amount_off: null,
    ticket_types: [],
    ...overrides,
  };
}

function renderPanel(shown: Event = event, route = '/events/5') {
  return renderWithProviders(<BookingPanel event={shown} />, {
    auth: authValue(makeUser('attendee')),
    route,
    path: '/events/:id',
  });
}

describe('discount arithmetic (as the server computes it)', () => {
  it('rounds a percent half up per ticket, caps an amount at the price, skips free tickets', () => {
    expect(ticketDiscountCents(terms({ percent_off: '12.50' }), 1, '0.20')).toBe(3);
    expect(ticketDiscountCents(terms({ percent_off: null, amount_off: '30' }), 1, '20.00')).toBe(
      2000,
    );
    expect(ticketDiscountCents(terms(), 1, '0.00')).toBe(0);
    expect(ticketDiscountCents(terms({ ticket_types: [2] }), 1, '20.00')).toBe(0);
    expect(ticketDiscountCents(terms({ kind: 'access', percent_off: null }), 1, '20.00')).toBe(0);
    expect(
      discountCents(terms(), [
        { ticketType: { id: 11, price: '20.00' }, quantity: 2 },
        { ticketType: { id: 12, price: '50.00' }, quantity: 1 },
      ]),
    ).toBe(1350);
  });
});

describe('BookingPanel with a code', () => {
  let mock: MockAdapter;
  beforeEach(() => {
    mock = mockApi();
    mock.onGet('/bookings/').reply(200, paginated([]));
    mock.onGet(/\/events\/\d+\/questions\/$/).reply(200, []);
  });
  afterEach(() => {
    mock.restore();
  });

  it('applies a discount code, shows the discounted total and books with the code', async () => {
    mock.onGet('/events/5/').reply(200, { ...event, code: terms() });
    mock.onPost('/book-ticket/').reply(201, makeBooking({ id: 42, status: 'pending_payment' }));
    renderPanel();
    const user = userEvent.setup();

    await user.selectOptions(await screen.findByLabelText('Standard quantity'), '2');
    await user.selectOptions(screen.getByLabelText('VIP quantity'), '1');
    expect(screen.getByRole('status')).toHaveTextContent('90.00');
    await user.type(screen.getByLabelText('Discount or access code'), 'save');
    await user.click(screen.getByRole('button', { name: 'Apply code' }));

    expect(await screen.findByTestId('applied-code')).toHaveTextContent('Code SAVE');
    expect(screen.getByTestId('applied-code')).toHaveTextContent('15% off');
    expect(mock.history.get.find((r) => r.url === '/events/5/')?.params).toEqual({
      code: 'save',
    });
    expect(screen.getByTestId('discount-line')).toHaveTextContent('13.50');
    expect(screen.getByRole('status')).toHaveTextContent('76.50');

    await user.click(screen.getByRole('button', { name: 'Book tickets' }));
    await vi.waitFor(() => {
      expect(mock.history.post).toHaveLength(1);
    });
    expect(JSON.parse(mock.history.post[0]!.data as string)).toMatchObject({
      code: 'SAVE',
      items: [
        { ticket_type: 11, quantity: 2 },
        { ticket_type: 12, quantity: 1 },
      ],
    });
  });

  it('says why a code cannot be used and books without it', async () => {
    mock.onGet('/events/5/').reply(400, apiError('code_invalid', 'Not valid.'));
    renderPanel();
    const user = userEvent.setup();

    await user.type(await screen.findByLabelText('Discount or access code'), 'NOPE{Enter}');

    expect(await screen.findByText(/This code is not valid for this event/)).toBeInTheDocument();
    expect(screen.queryByTestId('applied-code')).not.toBeInTheDocument();
  });

  it('an access code from the link lists the hidden type it unlocks, with its price', async () => {
    mock.onGet('/events/5/').reply(200, {
      ...event,
      ticket_types: [standard, vip, crew],
      code: terms({ code: 'CREW', kind: 'access', percent_off: null, ticket_types: [13] }),
    });
    renderPanel(event, '/events/5?code=crew');

    expect(await screen.findByText('Crew')).toBeInTheDocument();
    expect(screen.getByTestId('applied-code')).toHaveTextContent('Unlocks tickets');
    expect(screen.getByLabelText('Crew quantity')).toBeInTheDocument();
  });

  it('explains a code refused at booking', async () => {
    mock.onGet('/events/5/').reply(200, { ...event, code: terms() });
    mock.onPost('/book-ticket/').reply(409, apiError('code_used_up', 'Used up.'));
    renderPanel();
    const user = userEvent.setup();
    await user.selectOptions(await screen.findByLabelText('Standard quantity'), '1');
    await user.type(screen.getByLabelText('Discount or access code'), 'SAVE');
    await user.click(screen.getByRole('button', { name: 'Apply code' }));
    await screen.findByTestId('applied-code');
    await user.click(screen.getByRole('button', { name: 'Book tickets' }));

    expect(await screen.findByText('Your code cannot be used')).toBeInTheDocument();
    expect(screen.getByText(/used as often as it may be/)).toBeInTheDocument();
  });
});
