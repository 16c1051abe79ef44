/**
 * Shapes of the QR-Entry REST API (v1), as served under /api/.
 *
 * Hand-written for now to match the contract in DESIGN.md; this file is the single place
 * to be replaced by types generated from the OpenAPI schema (/api/schema/).
 */

export type Role = 'attendee' | 'organizer' | 'admin';

export interface User {
  id: number;
  email: string;
  name: string;
  role: Role;
}

/** Error body of every 4xx answer. `fields` only comes with `code: "validation_error"`. */
export interface ApiErrorBody {
  code: string;
  detail: string;
  fields?: Record<string, string[]>;
}

export interface Paginated<T> {
  count: number;
  next: string | null;
  previous: string | null;
  results: T[];
}

// --- auth ---

export interface LoginRequest {
  email: string;
  password: string;
}

export interface LoginResponse {
  access: string;
  /** Also set as an httpOnly cookie; the web app ignores this copy. */
  refresh: string;
  user: User;
}

export type RegisterRole = Extract<Role, 'attendee' | 'organizer'>;

export interface RegisterRequest {
  email: string;
  password: string;
  name: string;
  role: RegisterRole;
}

export interface RefreshResponse {
  access: string;
}

// --- events ---

export type EventStatus = 'draft' | 'published' | 'cancelled';

export interface EventOrganizer {
  id: number;
  name: string;
}

export interface Event {
  id: number;
  title: string;
  description: string;
  venue: string;
  category: string;
  /** ISO 8601 with offset. */
  starts_at: string;
  ends_at: string;
  checkin_opens_at: string;
  capacity: number;
  tickets_sold: number;
  tickets_available: number;
  /** Decimal string, e.g. "25.00". */
  price: string;
  /** ISO 4217 code, e.g. "EUR". */
  currency: string;
  max_per_booking: number;
  status: EventStatus;
  organizer: EventOrganizer;
}

export type EventOrdering = 'starts_at' | '-starts_at' | 'price' | '-price' | 'title';

export interface EventListParams {
  page?: number;
  page_size?: number;
  search?: string;
  category?: string;
  /** ISO 8601 datetimes with offset. */
  starts_after?: string;
  starts_before?: string;
  ordering?: EventOrdering;
  mine?: boolean;
}

/** Body of POST /events/ and (any subset) PATCH /events/{id}/. */
export interface EventInput {
  title: string;
  description: string;
  venue: string;
  category: string;
  /** ISO 8601 with offset. */
  starts_at: string;
  ends_at: string;
  /** Optional on create: the server defaults it to two hours before `starts_at`. */
  checkin_opens_at?: string;
  capacity: number;
  /** Decimal string, e.g. "25.00". */
  price: string;
  currency: string;
  max_per_booking: number;
  status: EventStatus;
}

/** A door-staff member of an event: may scan its tickets. `id` is the user id. */
export interface StaffMember {
  id: number;
  email: string;
  name: string;
  added_at: string;
}

export interface AddStaffRequest {
  email: string;
}

// --- bookings ---

export type BookingStatus = 'confirmed' | 'cancelled';
export type TicketStatus = 'valid' | 'cancelled';

export interface Ticket {
  id: number;
  /** The exact text the QR code encodes. */
  code: string;
  status: TicketStatus;
  checked_in_at: string | null;
  /** Image URLs under /api/; they need the Bearer token, so fetch them with the api client. */
  qr_png: string;
  qr_svg: string;
}

export interface BookingEventSummary {
  id: number;
  title: string;
  venue: string;
  starts_at: string;
  ends_at: string;
  status: EventStatus;
}

export interface Booking {
  id: number;
  event: number;
  event_summary: BookingEventSummary;
  quantity: number;
  status: BookingStatus;
  /** Decimal strings, e.g. "25.00". */
  unit_price: string;
  total_amount: string;
  currency: string;
  created_at: string;
  cancelled_at: string | null;
  tickets: Ticket[];
}

export interface BookTicketRequest {
  event: number;
  quantity: number;
}

// --- attendance (door scanning) ---

/** Live counters of one event's door. */
export interface Counters {
  checked_in: number;
  tickets_sold: number;
  capacity: number;
}

export type ValidateStatus = 'accepted' | 'rejected';
export type ScanResult = 'accepted' | 'rejected' | 'undone';
export type RejectReason =
  'duplicate' | 'fake' | 'cancelled' | 'wrong_event' | 'not_started' | 'expired';

/** The ticket a scan matched; null for codes that match no ticket (fake). */
export interface ScanTicket {
  id: number;
  booking: number;
  holder_name: string;
}

export interface ValidateTicket extends ScanTicket {
  event: number;
}

export interface ValidateRequest {
  /** The exact text the QR code encodes. */
  code: string;
  event: number;
  /** Free text, 1..64 characters. */
  gate: string;
}

/** 200 answer of POST /attendance/validate/: every decided scan, accepted or rejected. */
export interface ValidateResult {
  status: ValidateStatus;
  reason: RejectReason | null;
  scan_id: number;
  ticket: ValidateTicket | null;
  /** Set when accepted. */
  checked_in_at: string | null;
  /** For duplicates: when, where and by whom the ticket was first admitted. */
  first_checked_in_at: string | null;
  first_gate: string | null;
  first_checked_in_by: string | null;
  /** Of the event: when check-in opens. */
  checkin_opens_at: string;
  counters: Counters;
}

export interface ScanPerson {
  id: number;
  name: string;
}

/** One row of the scan log (GET /attendance/?event=), also pushed over the WebSocket. */
export interface Scan {
  id: number;
  scanned_at: string;
  gate: string;
  result: ScanResult;
  reason: RejectReason | null;
  /** The server suspects one ticket is being used by several people. */
  suspected_sharing: boolean;
  scanner: ScanPerson;
  ticket: (ScanTicket & { event?: number }) | null;
}

export interface ScanListParams {
  event: number;
  page?: number;
  page_size?: number;
  result?: ScanResult;
  suspected_sharing?: boolean;
}

export interface UndoCheckInRequest {
  event: number;
  ticket: number;
}

export interface UndoCheckInResult {
  scan: Scan;
  counters: Counters;
}

/** Messages of WS /ws/events/{id}/attendance/. */
export type AttendanceMessage =
  | { type: 'snapshot'; event: number; counters: Counters }
  | { type: 'scan'; scan: Scan; counters: Counters };

// --- organizer analytics (dashboard) ---

/** Counters shared by the analytics summary, its rows and one event's analytics. */
export interface AnalyticsCounters {
  capacity: number;
  tickets_sold: number;
  tickets_available: number;
  /** Decimal string, e.g. "1234.00". */
  revenue: string;
  checked_in: number;
  /** Valid tickets not checked in. */
  no_shows: number;
  /** checked_in / tickets_sold, 0..1 (0 when nothing is sold). */
  checkin_rate: number;
}

export interface AnalyticsTotals extends AnalyticsCounters {
  /** The currencies `revenue` adds up; the sum is only a money amount when there is one. */
  currencies: string[];
}

/** One row of GET /admin/analytics/: one of the caller's events. */
export interface EventAnalyticsRow extends AnalyticsCounters {
  /** The event id. */
  event: number;
  title: string;
  status: EventStatus;
  starts_at: string;
  currency: string;
}

/** GET /admin/analytics/: the caller's events (admins: all events). */
export interface AnalyticsSummary {
  totals: AnalyticsTotals;
  events: EventAnalyticsRow[];
}

/** Admissions in the 5 minutes from `start` (ISO 8601); empty buckets are included. */
export interface ArrivalBucket {
  start: string;
  count: number;
}

export interface GateCount {
  gate: string;
  count: number;
}

/** Tickets sold on `date` ("2026-11-24"). */
export interface SalesDay {
  date: string;
  count: number;
}

/** GET /admin/analytics/?event={id}. */
export interface EventAnalytics extends AnalyticsCounters {
  event: number;
  title: string;
  starts_at: string;
  currency: string;
  arrivals: ArrivalBucket[];
  by_gate: GateCount[];
  sales: SalesDay[];
}

/** One ticket of GET /admin/events/{id}/attendees/. `id` is the ticket id. */
export interface Attendee {
  id: number;
  booking: number;
  name: string;
  email: string;
  status: TicketStatus;
  checked_in_at: string | null;
  gate: string | null;
}

export interface AttendeeListParams {
  event: number;
  search?: string;
  page?: number;
  page_size?: number;
}
