import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, type RenderOptions } from '@testing-library/react';
import MockAdapter from 'axios-mock-adapter';
import type { ReactElement, ReactNode } from 'react';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';

import { api } from '@/lib/api-client';
import { AuthContext, type AuthContextValue } from '@/lib/auth/context';
import type {
  AnalyticsSummary,
  ApiErrorBody,
  Attendee,
  Booking,
  BookingPayment,
  Counters,
  ErrorCode,
  Event,
  EventAnalytics,
  LoginResponse,
  Paginated,
  RefreshResponse,
  Role,
  Scan,
  ScanMessage,
  SnapshotMessage,
  StaffMember,
  Ticket,
  TicketType,
  UndoCheckInResult,
  User,
  ValidateResult,
} from '@/types/api';

// Every fixture below is typed by the generated API types (src/types/api.gen.ts), so a
// fixture that drifts from what the server sends fails `npm run typecheck`.

export function makeUser(role: Role = 'attendee', overrides: Partial<User> = {}): User {
  return {
    id: 1,
    email: `${role}@example.com`,
    name: `Ada ${role}`,
    role,
    email_verified: true,
    ...overrides,
  };
}

/** The body of an error answer. */
export function apiError(
  code: ErrorCode,
  detail: string,
  fields?: Record<string, string[]>,
): ApiErrorBody {
  return fields ? { code, detail, fields } : { code, detail };
}

export function makeLoginResponse(
  user: User = makeUser(),
  overrides: Partial<LoginResponse> = {},
): LoginResponse {
  return { access: 'acc', refresh: 'ignored', user, ...overrides };
}

export function makeRefreshResponse(access: string): RefreshResponse {
  return { access };
}

export function makeTicketType(id: number, overrides: Partial<TicketType> = {}): TicketType {
  return {
    id,
    name: 'General admission',
    description: '',
    price: '25.00',
    quota: null,
    sold: 10,
    pending: 0,
    available: 90,
    sales_start: null,
    sales_end: null,
    max_per_booking: null,
    position: 0,
    hidden: false,
    ...overrides,
  };
}

export function makeEvent(overrides: Partial<Event> = {}): Event {
  return {
    id: 5,
    title: 'Night Jazz',
    description: 'Live jazz.',
    venue: 'Blue Hall',
    venue_address: '1 Canal Street, Berlin',
    category: 'music',
    timezone: 'Europe/Berlin',
    phase: 'on_sale',
    image: null,
    starts_at: '2099-06-12T20:00:00+02:00',
    ends_at: '2099-06-12T23:00:00+02:00',
    checkin_opens_at: '2099-06-12T18:00:00+02:00',
    capacity: 100,
    tickets_sold: 10,
    sold: 10,
    pending: 0,
    tickets_available: 90,
    price: '25.00',
    currency: 'EUR',
    max_per_booking: 4,
    status: 'published',
    organizer: { id: 99, name: 'Org' },
    ticket_types: [makeTicketType(11)],
    payment_methods: ['manual'],
    payment_methods_offered: overrides.payment_methods ?? ['manual'],
    hold_minutes: 30,
    manual_payment_hours: 72,
    manual_hold_limit: null,
    manual_hold_cap: 25,
    manual_held: 0,
    payment_instructions: '',
    attendee_cancel_until: null,
    transfers_until: '2099-06-12T20:00:00+02:00',
    waiting_list: false,
    offer_hours: 24,
    waiting_held: 0,
    code: null,
    allow_reentry: false,
    can_manage: false,
    can_scan: false,
    ...overrides,
  };
}

export function makeTicket(id: number, overrides: Partial<Ticket> = {}): Ticket {
  return {
    id,
    ticket_type: null,
    attendee_name: 'Ada Lovelace',
    answers: {},
    code: `QR1.code-${String(id)}`,
    backup_code: `HJKM${String(id).padStart(4, '2')}`,
    status: 'valid',
    checked_in_at: null,
    transferred_at: null,
    qr_png: `/api/tickets/${String(id)}/qr.png`,
    qr_svg: `/api/tickets/${String(id)}/qr.svg`,
    ...overrides,
  };
}

export function makeStaffMember(id: number, overrides: Partial<StaffMember> = {}): StaffMember {
  return {
    id,
    email: `staff${String(id)}@example.com`,
    name: `Staff ${String(id)}`,
    status: 'accepted',
    added_at: '2099-01-01T00:00:00+00:00',
    invited_at: '2099-01-01T00:00:00+00:00',
    accepted_at: '2099-01-01T00:00:00+00:00',
    ...overrides,
  };
}

export function makePayment(overrides: Partial<BookingPayment> = {}): BookingPayment {
  return {
    method: 'manual',
    status: 'paid',
    amount: '50.00',
    currency: 'EUR',
    paid_at: '2099-01-01T10:05:00+00:00',
    refunded_amount: '0.00',
    publishable_key: null,
    instructions: null,
    next_action: null,
    problem: null,
    ...overrides,
  };
}

/** A booking waiting for payment: its tickets have no code or QR image yet. */
export function makePendingBooking(overrides: Partial<Booking> = {}): Booking {
  return makeBooking({
    status: 'pending_payment',
    expires_at: '2099-01-01T10:30:00+00:00',
    payment: makePayment({
      method: 'stripe',
      status: 'pending',
      paid_at: null,
      publishable_key: 'pk_test_123',
    }),
    tickets: [
      makeTicket(7, {
        status: 'pending',
        code: null,
        backup_code: null,
        qr_png: null,
        qr_svg: null,
      }),
      makeTicket(8, {
        status: 'pending',
        code: null,
        backup_code: null,
        qr_png: null,
        qr_svg: null,
      }),
    ],
    ...overrides,
  });
}

export function makeBooking(overrides: Partial<Booking> = {}): Booking {
  const event = makeEvent();
  return {
    id: 1,
    event: event.id,
    event_summary: {
      id: event.id,
      title: event.title,
      venue: event.venue,
      venue_address: event.venue_address,
      timezone: event.timezone,
      attendee_cancel_until: event.attendee_cancel_until,
      transfers_until: event.transfers_until,
      starts_at: event.starts_at,
      ends_at: event.ends_at,
      status: event.status,
      phase: event.phase,
    },
    quantity: 2,
    status: 'confirmed',
    unit_price: '25.00',
    total_amount: '50.00',
    currency: 'EUR',
    created_at: '2099-01-01T10:00:00+00:00',
    cancelled_at: null,
    expires_at: null,
    items: [
      {
        ticket_type: 11,
        name: 'General admission',
        quantity: 2,
        unit_price: '25.00',
        discount_amount: '0.00',
      },
    ],
    payment: makePayment(),
    cancelled_by: null,
    discount: null,
    answers: {},
    tickets: [makeTicket(7), makeTicket(8)],
    ...overrides,
  };
}

export function paginated<T>(results: T[]): Paginated<T> {
  return { count: results.length, next: null, previous: null, results };
}

export function mockApi(): MockAdapter {
  return new MockAdapter(api, { onNoMatch: 'throwException' });
}

export function authValue(user: User | null, overrides: Partial<AuthContextValue> = {}) {
  return {
    status: user ? 'authenticated' : 'anonymous',
    user,
    signIn: vi.fn(),
    setUser: vi.fn(),
    clearSession: vi.fn(),
    ...overrides,
  } satisfies AuthContextValue;
}

/** Shows where the router ended up, for redirect assertions. */
export function LocationProbe() {
  const location = useLocation();
  return <p data-testid="location">{location.pathname + location.search}</p>;
}

interface ProviderOptions {
  auth?: AuthContextValue;
  route?: string;
  /** Route pattern the UI is mounted at; other paths render a LocationProbe. */
  path?: string;
  queryClient?: QueryClient;
}

export function renderWithProviders(
  ui: ReactElement,
  {
    auth = authValue(null),
    route = '/',
    path = '/',
    queryClient = new QueryClient({
      defaultOptions: { queries: { retry: false }, mutations: { retry: false } },
    }),
    ...options
  }: ProviderOptions & Omit<RenderOptions, 'wrapper'> = {},
) {
  function Wrapper({ children }: { children: ReactNode }) {
    return (
      <QueryClientProvider client={queryClient}>
        <AuthContext value={auth}>
          <MemoryRouter initialEntries={[route]}>
            <Routes>
              <Route path={path} element={children} />
              <Route path="*" element={<LocationProbe />} />
            </Routes>
          </MemoryRouter>
        </AuthContext>
      </QueryClientProvider>
    );
  }
  return { auth, queryClient, ...render(ui, { wrapper: Wrapper, ...options }) };
}

/**
 * Run this test file's Date conversions in `timeZone` (Node reads TZ at call time), so
 * offsets are exercised even when the machine runs in UTC.
 */
export function inTimeZone(timeZone: string): void {
  beforeAll(() => {
    vi.stubEnv('TZ', timeZone);
  });
  afterAll(() => {
    vi.unstubAllEnvs();
  });
}

export function makeCounters(overrides: Partial<Counters> = {}): Counters {
  return { checked_in: 0, tickets_sold: 10, capacity: 100, inside: 0, by_gate: [], ...overrides };
}

export function makeValidateResult(overrides: Partial<ValidateResult> = {}): ValidateResult {
  return {
    status: 'accepted',
    reason: null,
    scan_id: 1,
    ticket: {
      id: 7,
      booking: 1,
      holder_name: 'Grace Hopper',
      attendee_name: 'Grace Hopper',
      ticket_type: { id: 11, name: 'General admission' },
      event: 5,
      backup_code: 'K7M2QX9P',
    },
    checked_in_at: '2099-06-12T18:14:00+00:00',
    first_checked_in_at: null,
    first_gate: null,
    first_checked_in_by: null,
    checkin_opens_at: '2099-06-12T16:00:00+00:00',
    counters: makeCounters({ checked_in: 1, inside: 1 }),
    direction: 'in',
    method: 'qr',
    reentry: false,
    other_event: null,
    list: { id: 1, name: 'Entry' },
    ...overrides,
  };
}

export function makeScan(overrides: Partial<Scan> = {}): Scan {
  return {
    id: 1,
    scanned_at: '2099-06-12T18:14:05+00:00',
    gate: 'Main',
    result: 'accepted',
    reason: null,
    suspected_sharing: false,
    scanner: { id: 2, name: 'Sam' },
    ticket: {
      id: 7,
      booking: 1,
      event: 5,
      holder_name: 'Grace Hopper',
      attendee_name: 'Grace Hopper',
      ticket_type: { id: 11, name: 'General admission' },
      backup_code: 'K7M2QX9P',
    },
    direction: 'in',
    method: 'qr',
    offline: false,
    list: null,
    ...overrides,
  };
}

export function makeUndoResult(overrides: Partial<UndoCheckInResult> = {}): UndoCheckInResult {
  return { scan: makeScan({ result: 'undone' }), counters: makeCounters(), ...overrides };
}

/** The live door socket's first message. */
export function snapshotMessage(counters: Counters = makeCounters(), event = 5): SnapshotMessage {
  return { type: 'snapshot', event, counters };
}

/** The live door socket's message after a scan or undo. */
export function scanMessage(
  scan: Scan = makeScan(),
  counters: Counters = makeCounters(),
): ScanMessage {
  return { type: 'scan', scan, counters };
}

// --- dashboard ---

export function makeEventAnalytics(overrides: Partial<EventAnalytics> = {}): EventAnalytics {
  return {
    event: 5,
    title: 'Night Jazz',
    starts_at: '2099-06-12T20:00:00+02:00',
    timezone: 'Europe/Berlin',
    phase: 'on_sale',
    capacity: 100,
    tickets_sold: 40,
    sold: 40,
    pending_tickets: 0,
    tickets_available: 60,
    revenue: '1000.00',
    currency: 'EUR',
    revenue_by_currency: [{ currency: 'EUR', amount: '1000.00' }],
    by_code: [],
    pending: { bookings: 2, amount: '50.00' },
    by_ticket_type: [
      { id: 11, name: 'General admission', sold: 30, pending: 0, revenue: '750.00' },
      { id: 12, name: 'Balcony', sold: 10, pending: 0, revenue: '250.00' },
    ],
    checked_in: 10,
    inside: 9,
    offline_conflicts: 0,
    no_shows: 30,
    checkin_rate: 0.25,
    arrivals: [
      { start: '2099-06-12T18:00:00+00:00', count: 4 },
      { start: '2099-06-12T18:05:00+00:00', count: 0 },
      { start: '2099-06-12T18:10:00+00:00', count: 6 },
    ],
    by_gate: [
      { gate: 'North', count: 7, inside: 6 },
      { gate: 'South', count: 3, inside: 3 },
    ],
    sales: [
      { date: '2099-06-01', count: 15 },
      { date: '2099-06-02', count: 25 },
    ],
    by_list: [{ id: 1, name: 'Entry', checked_in: 10 }],
    ...overrides,
  };
}

export function makeAttendee(id: number, overrides: Partial<Attendee> = {}): Attendee {
  return {
    id,
    booking: 1,
    name: `Guest ${String(id)}`,
    email: `guest${String(id)}@example.com`,
    attendee_name: `Guest ${String(id)}`,
    ticket_type: { id: 11, name: 'General admission' },
    answers: {},
    status: 'valid',
    checked_in_at: null,
    gate: '',
    ...overrides,
  };
}

export function makeSummary(overrides: Partial<AnalyticsSummary> = {}): AnalyticsSummary {
  return {
    totals: {
      capacity: 300,
      tickets_sold: 120,
      sold: 120,
      pending_tickets: 0,
      tickets_available: 180,
      revenue: '3000.00',
      revenue_by_currency: [{ currency: 'EUR', amount: '3000.00' }],
      checked_in: 30,
      no_shows: 90,
      checkin_rate: 0.25,
      currencies: ['EUR'],
    },
    events: [
      {
        event: 5,
        title: 'Night Jazz',
        status: 'published',
        phase: 'on_sale',
        starts_at: '2099-06-12T20:00:00+02:00',
        timezone: 'Europe/Berlin',
        capacity: 100,
        tickets_sold: 40,
        sold: 40,
        pending_tickets: 0,
        tickets_available: 60,
        revenue: '1000.00',
        revenue_by_currency: [{ currency: 'EUR', amount: '1000.00' }],
        currency: 'EUR',
        checked_in: 10,
        no_shows: 30,
        checkin_rate: 0.25,
      },
      {
        event: 6,
        title: 'Morning Choir',
        status: 'draft',
        phase: 'draft',
        starts_at: '2099-07-01T10:00:00+02:00',
        timezone: 'Europe/Berlin',
        capacity: 200,
        tickets_sold: 80,
        sold: 80,
        pending_tickets: 0,
        tickets_available: 120,
        revenue: '2000.00',
        revenue_by_currency: [{ currency: 'EUR', amount: '2000.00' }],
        currency: 'EUR',
        checked_in: 20,
        no_shows: 60,
        checkin_rate: 0.25,
      },
    ],
    ...overrides,
  };
}
