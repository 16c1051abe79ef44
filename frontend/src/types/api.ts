/**
 * Names for the shapes of the QR-Entry API. Every type here is taken from `api.gen.ts`, which
 * openapi-typescript generates from the server's OpenAPI schema (`make api-types`); `make test`
 * fails when that file is stale. Nothing here is written by hand: to change a shape, change
 * the serializer on the server and regenerate.
 */
import type { components, operations } from './api.gen';

type Schemas = components['schemas'];
type QueryOf<Operation extends keyof operations> = NonNullable<
  operations[Operation]['parameters']['query']
>;
type PathOf<Operation extends keyof operations> = NonNullable<
  operations[Operation]['parameters']['path']
>;

// --- errors and lists ---

/** Error body of every 4xx answer. `fields` only comes with `code: "validation_error"`. */
export type ApiErrorBody = Schemas['Error'];
/** Every machine code the API can answer; clients branch on it, never on `detail`. */
export type ErrorCode = Schemas['ErrorCode'];

/** A page of a list answer: every list has this shape (`PaginatedEventList`, ...). */
export type Paginated<T> = Omit<Schemas['PaginatedEventList'], 'results'> & { results: T[] };

// --- auth ---

export type Role = Schemas['RoleEnum'];
export type User = Schemas['User'];
export type LoginRequest = Schemas['LoginInputRequest'];
export type LoginResponse = Schemas['LoginOutput'];
export type RegisterRequest = Schemas['RegisterInputRequest'];
export type RegisterResponse = Schemas['RegisterOutput'];
export type RegisterRole = Schemas['RegisterInputRoleEnum'];
export type RefreshResponse = Schemas['RefreshOutput'];
export type UserUpdateRequest = Schemas['PatchedUserUpdateInputRequest'];
export type UserDeleteRequest = Schemas['UserDeleteInputRequest'];
export type PasswordResetRequest = Schemas['PasswordResetInputRequest'];
export type PasswordResetConfirmRequest = Schemas['PasswordResetConfirmInputRequest'];
export type PasswordChangeRequest = Schemas['PasswordChangeInputRequest'];
export type EmailVerifyRequest = Schemas['EmailVerifyInputRequest'];
/** What the invitee sees before accepting a door staff invitation. */
export type Invitation = Schemas['Invitation'];
export type InvitationAcceptRequest = Schemas['InvitationAcceptInputRequest'];
export type InvitationAccepted = Schemas['InvitationAccepted'];

// --- events ---

export type Event = Schemas['Event'];
/** Where the event is in its life (read-only): what badges show. */
export type EventPhase = Schemas['EventPhaseEnum'];
/** One entry of the managed category list: `value` for the API, `label` for people. */
export type EventCategory = Schemas['EventCategory'];
export type EventCategoryValue = Schemas['EventCategoryEnum'];
/** What an organizer wrote to every ticket holder of an event. */
export type EventMessage = Schemas['EventMessage'];
export type EventMessageInput = Schemas['EventMessageInputRequest'];
/** The answer to work handed to the worker (an e-mail). */
export type Queued = Schemas['Queued'];
/** Body of POST /events/. */
export type EventInput = Schemas['EventInputRequest'];
/** Body of PATCH /events/{id}/: any subset of `EventInput`. */
export type EventPatch = Schemas['PatchedEventInputRequest'];
export type EventOrdering = NonNullable<QueryOf<'events_list'>['ordering']>;
export type StaffMember = Schemas['StaffMember'];
export type AddStaffRequest = Schemas['StaffAddInputRequest'];
/** The answer to an invitation: the same for every address. */
export type StaffInvited = Schemas['StaffInvited'];
/** One ticket type of an event (`event.ticket_types`): price, quota, sales window. */
export type TicketType = Schemas['TicketType'];
/** Body of POST /events/{id}/ticket-types/. */
export type TicketTypeInput = Schemas['TicketTypeInputRequest'];
/** Body of PATCH /events/{id}/ticket-types/{tid}/: any subset of `TicketTypeInput`. */
export type TicketTypePatch = Schemas['PatchedTicketTypeInputRequest'];
/** A ticket type named where a ticket appears: `{id, name}`. */
export type TicketTypeRef = Schemas['TicketTypeRef'];
/** One question of an event (GET /events/{id}/questions/), asked per ticket or per booking. */
export type Question = Schemas['Question'];
export type QuestionKind = Schemas['KindEnum'];
export type QuestionScope = Schemas['PerEnum'];
/** Body of POST /events/{id}/questions/. */
export type QuestionInput = Schemas['QuestionInputRequest'];
/** Body of PATCH /events/{id}/questions/{qid}/. */
export type QuestionPatch = Schemas['PatchedQuestionInputRequest'];

// --- bookings ---

export type Booking = Schemas['Booking'];
export type Ticket = Schemas['Ticket'];
export type BookTicketRequest = Schemas['BookTicketInputRequest'];
/** One ticket's holder in a booking request: name and answers to per-ticket questions. */
export type AttendeeRequest = Schemas['AttendeeInputRequest'];
/** A ticket its holder sees on its own (GET /tickets/{id}/): with its booking and event. */
export type HeldTicket = Schemas['HeldTicket'];
/** Body of POST /tickets/{id}/transfer/: the recipient's address and name. */
export type TicketTransferRequest = Schemas['TicketTransferInputRequest'];
/** Body of PATCH /tickets/{id}/: the holder's name and answers. */
export type TicketHolderPatch = Schemas['PatchedTicketHolderInputRequest'];
/** One line of a v2 booking request: how many tickets of which type. */
export type BookingItemRequest = Schemas['BookingItemInputRequest'];
/** The money side of a booking. */
export type BookingPayment = Schemas['Payment'];
export type PaymentStatus = BookingPayment['status'];
/** How a buyer pays: `manual` (bank transfer, box office) or `stripe` (card). */
export type PaymentMethod = NonNullable<BookingPayment['method']>;
/** Body of POST /bookings/{id}/pay/: a Stripe PaymentMethod id. */
export type PayRequest = Schemas['PayInputRequest'];
/** waiting, offered (seats held until offer_expires_at), booked, expired or left. */
export type WaitingStatus = Schemas['WaitingStatusEnum'];
/** The answer of joining a waiting list. */
export type WaitingListEntry = Schemas['WaitingListEntry'];
/** One of the signed-in person's waiting-list entries (GET /waiting-list/), with its event. */
export type MyWaitingListEntry = Schemas['MyWaitingListEntry'];
/** A row of an event's waiting list as its organizer sees it (who waits). */
export type EventWaitingListEntry = Schemas['EventWaitingListEntry'];
export type WaitingListJoinRequest = Schemas['WaitingListJoinInputRequest'];
export type WaitingListAcceptRequest = Schemas['WaitingListAcceptInputRequest'];

// --- attendance (door scanning) ---

export type Counters = Schemas['Counters'];
export type ValidateRequest = Schemas['ValidateInputRequest'];
/** 200 answer of POST /attendance/validate/: every decided scan, accepted or rejected. */
export type ValidateResult = Schemas['ValidateResult'];
/** One row of the scan log (GET /attendance/?event=), also pushed over the WebSocket. */
export type Scan = Schemas['Scan'];
export type ScanResult = Schemas['ScanResultEnum'];
export type RejectReason = Schemas['ReasonEnum'];
export type ScanListParams = QueryOf<'attendance_list'>;
export type UndoCheckInRequest = Schemas['UndoInputRequest'];
export type UndoCheckInResult = Schemas['UndoResult'];
/** Messages of WS /ws/events/{id}/attendance/, told apart by `type`. */
export type AttendanceMessage = Schemas['AttendanceMessage'];
export type SnapshotMessage = Schemas['SnapshotMessage'];
export type ScanMessage = Schemas['ScanMessage'];
export type Direction = Schemas['DirectionEnum'];
export type ScanMethod = Schemas['ScanMethodEnum'];
/** GET /events/{id}/door-kit/: keys, window and tickets for admitting with no server. */
export type DoorKit = Schemas['DoorKit'];
export type DoorKitTicket = Schemas['DoorKitTicket'];
/** One check-in list as the door kit carries it (ticket type ids; empty: every type). */
export type DoorKitList = Schemas['DoorKitList'];
/** GET/POST /events/{id}/checkin-lists/: the lists the door scans against. */
export type CheckinList = Schemas['CheckinList'];
export type CheckinListInput = Schemas['CheckinListInputRequest'];
/** Which list a scan was made on. */
export type ListRef = Schemas['ListRef'];
export type DoorKitEvent = Schemas['DoorKitEvent'];
/** One ticket of GET /attendance/search/ (door staff's manual check-in). */
export type TicketSearchResult = Schemas['SearchResult'];
/** POST /attendance/sync/: admissions a device made offline. */
export type SyncRequest = Schemas['SyncInputRequest'];
export type SyncResult = Schemas['SyncResult'];
export type SyncResultItem = Schemas['SyncResultItem'];
export type SyncOutcome = Schemas['OutcomeEnum'];

// --- organizer analytics (dashboard) ---

/** GET /admin/analytics/ without `event`: the caller's events (admins: all events). */
export type AnalyticsSummary = Schemas['AnalyticsSummary'];
export type AnalyticsTotals = Schemas['AnalyticsTotals'];
/** One row of the summary: one of the caller's events. */
export type EventAnalyticsRow = Schemas['EventAnalyticsRow'];
/** GET /admin/analytics/?event={id}. */
export type EventAnalytics = Schemas['EventAnalytics'];
export type SalesDay = Schemas['SalesDay'];
/** One ticket of GET /admin/events/{id}/attendees/. `id` is the ticket id. */
export type Attendee = Schemas['Attendee'];
export type AttendeeListParams = {
  event: PathOf<'admin_events_attendees_list'>['id'];
} & QueryOf<'admin_events_attendees_list'>;

// --- codes (discount and access) and hidden ticket types ---

/** A discount or access code as its organizer sees it (GET /events/{id}/codes/). */
export type Code = Schemas['Code'];
export type CodeKind = Schemas['CodeKindEnum'];
/** Body of POST /events/{id}/codes/. */
export type CodeInput = Schemas['CodeInputRequest'];
/** Body of PATCH /events/{id}/codes/{cid}/. */
export type CodePatch = Schemas['PatchedCodeInputRequest'];
/** What a code typed by a buyer does (`event.code` of GET /events/{id}/?code=). */
export type CodeTerms = Schemas['CodeTerms'];
/** A booking's code and what it took off (`booking.discount`). */
export type BookingDiscount = Schemas['Discount'];
/** One row of `analytics.by_code`: a code's uses and what it took off. */
export type CodeUses = Schemas['CodeUses'];
