import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type MockAdapter from 'axios-mock-adapter';

import { ManageEventRoute } from '@/features/events/routes/manage-event';
import { NewEventRoute } from '@/features/events/routes/new-event';
import {
  apiError,
  authValue,
  makeEvent,
  makeStaffMember,
  makeUser,
  mockApi,
  renderWithProviders,
  inTimeZone,
} from '@/testing/test-utils';

// Date reads TZ at call time: run in a zone with an offset and DST, even on a UTC machine.
inTimeZone('Europe/Berlin');

const organizer = makeUser('organizer', { id: 99 });

function renderNew() {
  return renderWithProviders(<NewEventRoute />, {
    auth: authValue(organizer),
    route: '/organizer/events/new',
    path: '/organizer/events/new',
  });
}

async function fillCreateForm({ publish = false } = {}) {
  const user = userEvent.setup();
  await user.type(screen.getByLabelText('Title'), 'Night Jazz');
  await user.type(screen.getByLabelText('Description'), 'Live jazz.');
  await user.type(screen.getByLabelText('Venue'), 'Blue Hall');
  await user.type(screen.getByLabelText('Venue address'), '1 Canal Street, Berlin');
  await user.selectOptions(
    screen.getByLabelText('Category'),
    await screen.findByRole('option', { name: 'Music' }),
  );
  // datetime-local inputs: typing char by char is not what a picker does; set the value.
  fireEvent.change(screen.getByLabelText('Starts at'), { target: { value: '2026-06-12T20:00' } });
  fireEvent.change(screen.getByLabelText('Ends at'), { target: { value: '2026-06-12T23:30' } });
  await user.type(screen.getByLabelText('Capacity'), '150');
  await user.type(screen.getByLabelText('Price'), '25.00');
  await user.clear(screen.getByLabelText('Currency'));
  await user.type(screen.getByLabelText('Currency'), 'eur');
  await user.clear(screen.getByLabelText('Max tickets per booking'));
  await user.type(screen.getByLabelText('Max tickets per booking'), '4');
  if (publish) await user.click(screen.getByLabelText('Publish now'));
  await user.click(screen.getByRole('button', { name: 'Create event' }));
}

const CATEGORIES = [
  { value: 'music', label: 'Music' },
  { value: 'tech', label: 'Tech' },
];

describe('create event form', () => {
  let mock: MockAdapter;
  beforeEach(() => {
    mock = mockApi();
    mock.onGet('/events/categories/').reply(200, CATEGORIES);
  });
  afterEach(() => {
    mock.restore();
  });

  it('posts the event in the browser zone by default, with that offset, then opens it', async () => {
    mock.onPost('/events/').reply(201, makeEvent({ id: 31 }));
    renderNew();

    await fillCreateForm({ publish: true });

    await vi.waitFor(() => {
      expect(screen.getByTestId('location')).toHaveTextContent('/organizer/events/31');
    });
    expect(JSON.parse(mock.history.post[0]!.data as string)).toEqual({
      title: 'Night Jazz',
      description: 'Live jazz.',
      venue: 'Blue Hall',
      venue_address: '1 Canal Street, Berlin',
      category: 'music',
      timezone: 'Europe/Berlin',
      starts_at: '2026-06-12T20:00:00+02:00',
      ends_at: '2026-06-12T23:30:00+02:00',
      capacity: 150,
      price: '25.00',
      currency: 'EUR',
      max_per_booking: 4,
      status: 'published',
      // payment_methods untouched: left to the server (every method it has enabled).
      hold_minutes: 30,
      manual_payment_hours: 72,
      payment_instructions: '',
      attendee_cancel_until: null,
      allow_reentry: false,
      waiting_list: false,
      offer_hours: 24,
    });
  });

  it('saves a draft unless "Publish now" is ticked', async () => {
    mock.onPost('/events/').reply(201, makeEvent({ id: 31, status: 'draft' }));
    renderNew();

    await fillCreateForm();

    await vi.waitFor(() => {
      expect(mock.history.post).toHaveLength(1);
    });
    expect(JSON.parse(mock.history.post[0]!.data as string)).toMatchObject({ status: 'draft' });
  });

  it('shows API field errors next to the fields', async () => {
    mock.onPost('/events/').reply(
      400,
      apiError('validation_error', 'Some fields are invalid.', {
        ends_at: ['must be after the start'],
        currency: ['Unknown currency.'],
        capacity: ['Ensure this value is greater than or equal to 1.'],
      }),
    );
    renderNew();

    await fillCreateForm();

    expect(await screen.findByText('must be after the start')).toBeInTheDocument();
    expect(screen.getByLabelText('Ends at')).toHaveAccessibleDescription('must be after the start');
    expect(screen.getByLabelText('Ends at')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Currency')).toHaveAccessibleDescription('Unknown currency.');
    expect(screen.getByLabelText('Capacity')).toHaveAccessibleDescription(
      'Ensure this value is greater than or equal to 1.',
    );
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('reads and writes the times in the chosen zone, and says which zone it uses', async () => {
    mock.onPost('/events/').reply(201, makeEvent({ id: 31 }));
    renderNew();
    const user = userEvent.setup();

    await user.selectOptions(screen.getByLabelText('Time zone'), 'America/New_York');
    expect(screen.getByLabelText('Starts at')).toHaveAccessibleDescription(
      /^America\/New_York \((EST|EDT), UTC-0[45]:00\) time$/,
    );
    await fillCreateForm();

    await vi.waitFor(() => {
      expect(mock.history.post).toHaveLength(1);
    });
    // 20:00 on the wall in New York in June is EDT, whatever zone this browser is in.
    expect(JSON.parse(mock.history.post[0]!.data as string)).toMatchObject({
      timezone: 'America/New_York',
      starts_at: '2026-06-12T20:00:00-04:00',
      ends_at: '2026-06-12T23:30:00-04:00',
    });
  });

  it('shows every client-side error at once', async () => {
    renderNew();
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Title'), 'Night Jazz');
    fireEvent.change(screen.getByLabelText('Starts at'), { target: { value: '2026-06-12T20:00' } });
    fireEvent.change(screen.getByLabelText('Ends at'), { target: { value: '2026-06-12T19:00' } });
    await user.click(screen.getByRole('button', { name: 'Create event' }));

    expect(screen.getByLabelText('Venue')).toHaveAccessibleDescription('This field is required.');
    expect(screen.getByLabelText('Capacity')).toHaveAccessibleDescription(
      'This field is required.',
    );
    expect(screen.getByLabelText('Ends at')).toHaveAccessibleDescription(
      /The end must be after the start\./,
    );
    expect(mock.history.post).toHaveLength(0);
  });

  it('shows event_in_past next to the start', async () => {
    mock
      .onPost('/events/')
      .reply(
        400,
        apiError('event_in_past', 'An event that starts in the past cannot be published.'),
      );
    renderNew();

    await fillCreateForm({ publish: true });

    await vi.waitFor(() => {
      expect(screen.getByLabelText('Starts at')).toHaveAccessibleDescription(
        /An event that starts in the past cannot be published\./,
      );
    });
  });

  it('shows payment_instructions_required next to the payment instructions', async () => {
    mock.onPost('/events/').reply(
      400,
      apiError('payment_instructions_required', 'Add payment instructions before publishing.', {
        payment_instructions: ['Say how to pay before publishing.'],
      }),
    );
    renderNew();

    await fillCreateForm({ publish: true });

    await vi.waitFor(() => {
      expect(screen.getByLabelText('Payment instructions')).toHaveAccessibleDescription(
        /Say how to pay before publishing\./,
      );
    });
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('flags empty required fields without calling the API', async () => {
    renderNew();
    await userEvent.setup().click(screen.getByRole('button', { name: 'Create event' }));
    expect(screen.getByLabelText('Title')).toHaveAccessibleDescription('This field is required.');
    expect(screen.getByLabelText('Starts at')).toHaveAccessibleDescription(
      'This field is required.',
    );
    expect(mock.history.post).toHaveLength(0);
  });
});

describe('manage event page', () => {
  let mock: MockAdapter;
  beforeEach(() => {
    mock = mockApi();
    mock.onGet('/events/categories/').reply(200, CATEGORIES);
    mock.onGet('/events/31/messages/').reply(200, []);
    mock.onGet('/events/31/questions/').reply(200, []);
    mock.onGet('/events/31/codes/').reply(200, []);
    mock
      .onGet('/events/31/checkin-lists/')
      .reply(200, [{ id: 1, name: 'Entry', ticket_types: [], is_default: true, checked_in: 0 }]);
  });
  afterEach(() => {
    mock.restore();
  });

  function renderManage(
    event = makeEvent({ id: 31, status: 'draft', phase: 'draft', tickets_sold: 0 }),
    afterChange = event,
  ) {
    mock.onGet('/events/31/').replyOnce(200, event);
    mock.onGet('/events/31/').reply(200, afterChange);
    mock
      .onGet('/events/31/staff/')
      .reply(200, [
        makeStaffMember(3, { email: 'door@example.com', name: 'Door One' }),
        makeStaffMember(5, { email: 'later@example.com', name: null, status: 'invited' }),
      ]);
    return renderWithProviders(<ManageEventRoute />, {
      auth: authValue(organizer),
      route: '/organizer/events/31',
      path: '/organizer/events/:id',
    });
  }

  it('fills the edit form in the event zone and PATCHes only the changed fields', async () => {
    mock.onPatch('/events/31/').reply(200, makeEvent({ id: 31, status: 'draft', capacity: 80 }));
    renderManage(
      makeEvent({
        id: 31,
        status: 'draft',
        phase: 'draft',
        starts_at: '2026-06-12T18:00:00Z',
        tickets_sold: 0,
      }),
    );
    const user = userEvent.setup();

    expect(await screen.findByLabelText('Starts at')).toHaveValue('2026-06-12T20:00');
    await user.clear(screen.getByLabelText('Capacity'));
    await user.type(screen.getByLabelText('Capacity'), '80');
    fireEvent.change(screen.getByLabelText('Starts at'), { target: { value: '2026-06-12T21:00' } });
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    expect(await screen.findByText('Changes saved.')).toBeInTheDocument();
    expect(JSON.parse(mock.history.patch[0]!.data as string)).toEqual({
      capacity: 80,
      starts_at: '2026-06-12T21:00:00+02:00',
    });
  });

  it('edits the payment settings, sending only what changed', async () => {
    mock.onPatch('/events/31/').reply(200, makeEvent({ id: 31, status: 'draft' }));
    renderManage(makeEvent({ id: 31, status: 'draft', payment_methods: ['manual'] }));
    const user = userEvent.setup();

    const card = await screen.findByRole('checkbox', { name: 'Card, through Stripe' });
    expect(card).not.toBeChecked();
    expect(screen.getByRole('checkbox', { name: /^Bank transfer/ })).toBeChecked();
    await user.click(card);
    await user.clear(screen.getByLabelText('Card payment hold (minutes)'));
    await user.type(screen.getByLabelText('Card payment hold (minutes)'), '15');
    await user.type(screen.getByLabelText('Payment instructions'), 'IBAN DE00 1234');
    fireEvent.change(screen.getByLabelText('Attendees may cancel until'), {
      target: { value: '2099-06-10T12:00' },
    });
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    expect(await screen.findByText('Changes saved.')).toBeInTheDocument();
    expect(JSON.parse(mock.history.patch[0]!.data as string)).toEqual({
      payment_methods: ['manual', 'stripe'],
      hold_minutes: 15,
      payment_instructions: 'IBAN DE00 1234',
      attendee_cancel_until: '2099-06-10T12:00:00+02:00',
    });
  });

  it('switches re-entry on, saying what it does, and sends only that', async () => {
    mock.onPatch('/events/31/').reply(200, makeEvent({ id: 31, allow_reentry: true }));
    renderManage(makeEvent({ id: 31, status: 'draft', allow_reentry: false }));
    const user = userEvent.setup();

    const reentry = await screen.findByRole('switch', { name: 'Allow re-entry' });
    expect(reentry).not.toBeChecked();
    expect(reentry).toHaveAccessibleDescription(/scan people out and back in/);
    await user.click(reentry);
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    expect(await screen.findByText('Changes saved.')).toBeInTheDocument();
    expect(JSON.parse(mock.history.patch[0]!.data as string)).toEqual({ allow_reentry: true });
  });

  it('switches the waiting list on with its offer hours, and sends only those', async () => {
    mock.onPatch('/events/31/').reply(200, makeEvent({ id: 31, waiting_list: true }));
    renderManage(makeEvent({ id: 31, status: 'draft' }));
    const user = userEvent.setup();

    expect(screen.queryByLabelText(/Offer holds seats for/)).toBeNull();
    await user.click(await screen.findByRole('switch', { name: 'Waiting list when sold out' }));
    const hours = screen.getByLabelText(/Offer holds seats for/);
    await user.clear(hours);
    await user.type(hours, '6');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    expect(await screen.findByText('Changes saved.')).toBeInTheDocument();
    expect(JSON.parse(mock.history.patch[0]!.data as string)).toEqual({
      waiting_list: true,
      offer_hours: 6,
    });
  });

  it('sets until when tickets may be transferred, or switches transfers off', async () => {
    mock.onPatch('/events/31/').reply(200, makeEvent({ id: 31 }));
    renderManage(
      makeEvent({
        id: 31,
        status: 'draft',
        starts_at: '2099-06-12T20:00:00+02:00',
        transfers_until: '2099-06-12T20:00:00+02:00',
      }),
    );
    const user = userEvent.setup();

    const transfers = await screen.findByRole('switch', { name: 'Allow ticket transfers' });
    expect(transfers).toBeChecked();
    expect(transfers).toHaveAccessibleDescription(/new QR code and the old one is refused/);
    // Until the start, the default: shown empty.
    const until = screen.getByLabelText('Transfers allowed until');
    expect(until).toHaveValue('');
    fireEvent.change(until, { target: { value: '2099-06-11T18:00' } });
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByText('Changes saved.')).toBeInTheDocument();
    expect(JSON.parse(mock.history.patch[0]!.data as string)).toEqual({
      transfers_until: '2099-06-11T18:00:00+02:00',
    });

    // The saved event comes back into the form: its switch is a new element.
    await user.click(screen.getByRole('switch', { name: 'Allow ticket transfers' }));
    expect(screen.queryByLabelText('Transfers allowed until')).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => {
      expect(mock.history.patch).toHaveLength(2);
    });
    expect(JSON.parse(mock.history.patch[1]!.data as string)).toEqual({ transfers_until: null });
  });

  it('asks for payment instructions only when manual payment is offered', async () => {
    renderManage(makeEvent({ id: 31, status: 'draft', payment_methods: ['stripe'] }));
    const user = userEvent.setup();

    await screen.findByRole('checkbox', { name: 'Card, through Stripe' });
    expect(screen.queryByLabelText('Payment instructions')).not.toBeInTheDocument();
    await user.click(screen.getByRole('checkbox', { name: /^Bank transfer/ }));
    expect(screen.getByLabelText('Payment instructions')).toBeInTheDocument();
  });

  it('says so next to the methods when the server does not take cards', async () => {
    mock.onPatch('/events/31/').reply(
      400,
      apiError('payment_method_unavailable', 'This payment method is not available.', {
        payment_methods: ['Only these are enabled: manual'],
      }),
    );
    renderManage(makeEvent({ id: 31, payment_methods: ['manual'] }));
    const user = userEvent.setup();

    await user.click(await screen.findByRole('checkbox', { name: 'Card, through Stripe' }));
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    expect(await screen.findByText('Only these are enabled: manual')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('edits a New York event on New York wall time from a Berlin browser', async () => {
    mock.onPatch('/events/31/').reply(200, makeEvent({ id: 31, timezone: 'America/New_York' }));
    renderManage(
      makeEvent({
        id: 31,
        status: 'draft',
        phase: 'draft',
        timezone: 'America/New_York',
        starts_at: '2026-12-05T20:00:00-05:00',
        ends_at: '2026-12-05T23:00:00-05:00',
        checkin_opens_at: '2026-12-05T18:00:00-05:00',
        tickets_sold: 0,
      }),
    );
    const user = userEvent.setup();

    expect(await screen.findByLabelText('Starts at')).toHaveValue('2026-12-05T20:00');
    expect(screen.getByLabelText('Time zone')).toHaveValue('America/New_York');
    fireEvent.change(screen.getByLabelText('Starts at'), { target: { value: '2026-12-05T21:00' } });
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    await vi.waitFor(() => {
      expect(mock.history.patch).toHaveLength(1);
    });
    expect(JSON.parse(mock.history.patch[0]!.data as string)).toEqual({
      starts_at: '2026-12-05T21:00:00-05:00',
    });
  });

  it('shows capacity_below_sold next to Capacity', async () => {
    mock
      .onPatch('/events/31/')
      .reply(
        409,
        apiError('capacity_below_sold', 'Capacity cannot be below the 10 tickets already sold.'),
      );
    renderManage(makeEvent({ id: 31, tickets_sold: 10 }));
    const user = userEvent.setup();

    await user.clear(await screen.findByLabelText('Capacity'));
    await user.type(screen.getByLabelText('Capacity'), '5');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    await vi.waitFor(() => {
      expect(screen.getByLabelText('Capacity')).toHaveAccessibleDescription(
        'Capacity cannot be below the 10 tickets already sold.',
      );
    });
  });

  it('refuses to publish an event in the past and says why', async () => {
    mock
      .onPost('/events/31/publish/')
      .reply(
        400,
        apiError('event_in_past', 'An event that starts in the past cannot be published.'),
      );
    renderManage();

    await userEvent.setup().click(await screen.findByRole('button', { name: 'Publish' }));

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'This event starts in the past, so it cannot be published.',
    );
    expect(screen.queryByText(/Published/)).not.toBeInTheDocument();
  });

  it('refuses to publish a manual-only paid event without instructions and says why', async () => {
    mock
      .onPost('/events/31/publish/')
      .reply(400, apiError('payment_instructions_required', 'Add payment instructions.'));
    renderManage();

    await userEvent.setup().click(await screen.findByRole('button', { name: 'Publish' }));

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Buyers can only pay by bank transfer or at the box office: add payment instructions',
    );
  });

  it('duplicates the event and opens the copy', async () => {
    mock.onPost('/events/31/duplicate/').reply(201, makeEvent({ id: 44, status: 'draft' }));
    mock.onGet('/events/44/staff/').reply(200, []);
    renderManage();

    await userEvent.setup().click(await screen.findByRole('button', { name: 'Duplicate' }));

    // The copy's page opens (it asks for the copy's staff).
    await vi.waitFor(() => {
      expect(mock.history.get.map((r) => r.url)).toContain('/events/44/staff/');
    });
  });

  it('refuses an image over 5 MB before uploading, and shows server errors', async () => {
    mock
      .onPost('/events/31/image/')
      .reply(
        400,
        apiError('image_invalid', 'Invalid image.', { image: ['This file is not an image.'] }),
      );
    Object.assign(URL, { createObjectURL: vi.fn(() => 'blob:preview'), revokeObjectURL: vi.fn() });
    renderManage();
    const user = userEvent.setup();
    const input = await screen.findByLabelText(/Choose an image/);

    const big = new File([new Uint8Array(5 * 1024 * 1024 + 1)], 'big.jpg', { type: 'image/jpeg' });
    await user.upload(input, big);
    expect(screen.getByRole('alert')).toHaveTextContent('the limit is 5 MB');
    expect(screen.getByRole('button', { name: 'Upload image' })).toBeDisabled();

    await user.upload(input, new File(['x'], 'fake.png', { type: 'image/png' }));
    expect(screen.getByRole('img', { name: 'Preview of the chosen image' })).toHaveAttribute(
      'src',
      'blob:preview',
    );
    await user.click(screen.getByRole('button', { name: 'Upload image' }));
    expect(await screen.findByText('This file is not an image.')).toBeInTheDocument();
    expect(mock.history.post[0]!.data).toBeInstanceOf(FormData);
  });

  it('writes to all ticket holders and lists what was sent', async () => {
    const event = makeEvent({ id: 31, status: 'published', phase: 'on_sale' });
    const sent = {
      id: 1,
      subject: 'Doors at 19:30',
      body: 'See you there.',
      recipients: 12,
      sender: 'Org',
      created_at: '2099-06-01T10:00:00Z',
    };
    mock.resetHandlers();
    mock.onGet('/events/categories/').reply(200, CATEGORIES);
    mock.onGet('/events/31/messages/').replyOnce(200, []);
    mock.onGet('/events/31/messages/').reply(200, [sent]);
    mock.onPost('/events/31/messages/').reply(202, sent);
    renderManage(event);
    const user = userEvent.setup();

    expect(await screen.findByText('Nothing sent yet.')).toBeInTheDocument();
    await user.type(screen.getByLabelText('Subject'), 'Doors at 19:30');
    await user.type(screen.getByLabelText('Message'), 'See you there.');
    await user.click(screen.getByRole('button', { name: 'Send to ticket holders' }));

    expect(await screen.findByText('Sent to 12 bookings.')).toBeInTheDocument();
    expect(JSON.parse(mock.history.post[0]!.data as string)).toEqual({
      subject: 'Doors at 19:30',
      body: 'See you there.',
    });
    expect(await screen.findByText('See you there.', { selector: 'li p' })).toBeInTheDocument();
  });

  it('publishes a draft', async () => {
    const published = makeEvent({ id: 31, status: 'published' });
    mock.onPost('/events/31/publish/').reply(200, published);
    renderManage(undefined, published);

    await userEvent.setup().click(await screen.findByRole('button', { name: 'Publish' }));

    expect(await screen.findByText(/Published: the event is now listed/)).toBeInTheDocument();
    expect(mock.history.post.map((request) => request.url)).toEqual(['/events/31/publish/']);
  });

  it('cancels only after confirmation', async () => {
    const cancelled = makeEvent({ id: 31, status: 'cancelled', tickets_sold: 12, sold: 12 });
    mock.onPost('/events/31/cancel/').reply(200, cancelled);
    renderManage(makeEvent({ id: 31, status: 'published', tickets_sold: 12, sold: 12 }), cancelled);
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Cancel event' }));
    expect(screen.getByText(/Every booking is cancelled/)).toHaveTextContent('12 tickets');
    expect(mock.history.post).toHaveLength(0);
    await user.click(screen.getByRole('button', { name: 'Yes, cancel event' }));

    expect(await screen.findByText('This event has been cancelled')).toBeInTheDocument();
    expect(mock.history.post[0]!.url).toBe('/events/31/cancel/');
    expect(JSON.parse(mock.history.post[0]!.data as string)).toEqual({ reason: '' });
    expect(screen.queryByRole('button', { name: 'Save changes' })).not.toBeInTheDocument();
  });

  it('sends the reason typed in the confirmation to every ticket holder', async () => {
    const cancelled = makeEvent({ id: 31, status: 'cancelled', tickets_sold: 12, sold: 12 });
    mock.onPost('/events/31/cancel/').reply(200, cancelled);
    renderManage(makeEvent({ id: 31, status: 'published', tickets_sold: 12, sold: 12 }), cancelled);
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Cancel event' }));
    const reason = screen.getByLabelText('Reason (sent to every ticket holder)');
    expect(reason.tagName).toBe('TEXTAREA');
    expect(reason).toHaveAttribute('maxLength', '2000');
    expect(reason).not.toBeRequired();
    await user.type(reason, '  The band is ill; every ticket is refunded.  ');
    await user.click(screen.getByRole('button', { name: 'Yes, cancel event' }));

    expect(await screen.findByText('This event has been cancelled')).toBeInTheDocument();
    expect(JSON.parse(mock.history.post[0]!.data as string)).toEqual({
      reason: 'The band is ill; every ticket is refunded.',
    });
  });

  it('keeps the event, and sends nothing, when the confirmation is left', async () => {
    renderManage(makeEvent({ id: 31, status: 'published', tickets_sold: 12, sold: 12 }));
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Cancel event' }));
    await user.type(screen.getByLabelText('Reason (sent to every ticket holder)'), 'Oops');
    await user.click(screen.getByRole('button', { name: 'Keep event' }));

    expect(screen.queryByLabelText('Reason (sent to every ticket holder)')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Cancel event' })).toBeInTheDocument();
    expect(mock.history.post).toHaveLength(0);
  });

  it('explains event_has_bookings when deleting', async () => {
    mock.onDelete('/events/31/').reply(409, apiError('event_has_bookings', 'Event has bookings.'));
    renderManage();
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Delete' }));
    await user.click(screen.getByRole('button', { name: 'Yes, delete' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Cancel it instead.');
  });

  it('deletes and goes back to My events', async () => {
    mock.onDelete('/events/31/').reply(204);
    renderManage();
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Delete' }));
    await user.click(screen.getByRole('button', { name: 'Yes, delete' }));

    await vi.waitFor(() => {
      expect(screen.getByTestId('location')).toHaveTextContent(/^\/organizer\/events$/);
    });
  });

  it('lists, invites and removes door staff, with field errors', async () => {
    mock
      .onPost('/events/31/staff/')
      .replyOnce(
        400,
        apiError('validation_error', 'Invalid input.', { email: ['Enter a valid email address.'] }),
      )
      .onPost('/events/31/staff/')
      .reply(201, { email: 'gate@example.com', status: 'invited' });
    mock.onDelete('/events/31/staff/3/').reply(204);
    renderManage();
    const user = userEvent.setup();

    expect(await screen.findByText('door@example.com')).toBeInTheDocument();
    // An invitation nobody accepted yet shows the address only, marked as invited.
    expect(screen.getByText('later@example.com')).toBeInTheDocument();
    expect(screen.getByText('Invited')).toBeInTheDocument();
    expect(screen.getByText('Can scan')).toBeInTheDocument();

    await user.type(screen.getByLabelText('Staff e-mail'), 'nobody@example.com');
    await user.click(screen.getByRole('button', { name: 'Invite' }));
    await vi.waitFor(() => {
      expect(screen.getByLabelText('Staff e-mail')).toHaveAccessibleDescription(
        'Enter a valid email address.',
      );
    });

    await user.clear(screen.getByLabelText('Staff e-mail'));
    await user.type(screen.getByLabelText('Staff e-mail'), 'gate@example.com');
    await user.click(screen.getByRole('button', { name: 'Invite' }));
    expect(await screen.findByText(/Invitation sent to gate@example.com/)).toBeInTheDocument();
    expect(JSON.parse(mock.history.post[1]!.data as string)).toEqual({
      email: 'gate@example.com',
    });

    await user.click(screen.getByRole('button', { name: 'Remove door@example.com' }));
    await vi.waitFor(() => {
      expect(mock.history.delete.map((r) => r.url)).toEqual(['/events/31/staff/3/']);
    });
  });
});
