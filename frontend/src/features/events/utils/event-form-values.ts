import { browserTimeZone, isoToWallTime, wallTimeToIso } from '@/lib/event-time';
import type { Event, EventCategoryValue, EventInput, EventPatch, PaymentMethod } from '@/types/api';

/**
 * What the inputs hold: strings, with datetimes as datetime-local values read on the wall
 * clock of the EVENT's zone (`timezone`), whatever zone the organizer's browser is in.
 */
export interface EventFormValues {
  title: string;
  description: string;
  venue: string;
  venueAddress: string;
  category: EventCategoryValue | '';
  timezone: string;
  startsAt: string;
  endsAt: string;
  checkinOpensAt: string;
  capacity: string;
  price: string;
  currency: string;
  maxPerBooking: string;
  publishNow: boolean;
  paymentMethods: PaymentMethod[];
  holdMinutes: string;
  manualPaymentHours: string;
  paymentInstructions: string;
  /** Empty: attendees may cancel until the start. */
  attendeeCancelUntil: string;
  /** Admitted tickets may scan out and back in. */
  allowReentry: boolean;
  /** Buyers may queue for a sold-out event; returned seats are offered to them in order. */
  waitingList: boolean;
  /** How long an offer holds its seats. */
  offerHours: string;
  /** Holders may transfer tickets to someone else. */
  allowTransfers: boolean;
  /** Until when (wall time at the venue); empty: until the start. */
  transfersUntil: string;
}

export type FieldName = keyof EventInput;

export const EVENT_FIELDS: readonly FieldName[] = [
  'title',
  'description',
  'venue',
  'venue_address',
  'category',
  'timezone',
  'starts_at',
  'ends_at',
  'checkin_opens_at',
  'capacity',
  'price',
  'currency',
  'max_per_booking',
  'status',
  'payment_methods',
  'hold_minutes',
  'manual_payment_hours',
  'payment_instructions',
  'attendee_cancel_until',
  'allow_reentry',
  'waiting_list',
  'offer_hours',
  'transfers_until',
];

/** A new event's form: its zone starts as the organizer's own, which they may change. */
export function emptyEventForm(): EventFormValues {
  return { ...EMPTY_EVENT_FORM, timezone: browserTimeZone() };
}

export const EMPTY_EVENT_FORM: EventFormValues = {
  title: '',
  description: '',
  venue: '',
  venueAddress: '',
  category: '',
  timezone: 'UTC',
  startsAt: '',
  endsAt: '',
  checkinOpensAt: '',
  capacity: '',
  price: '',
  currency: 'EUR',
  maxPerBooking: '10',
  publishNow: false,
  paymentMethods: ['manual', 'stripe'],
  holdMinutes: '30',
  manualPaymentHours: '72',
  paymentInstructions: '',
  attendeeCancelUntil: '',
  allowReentry: false,
  waitingList: false,
  offerHours: '24',
  allowTransfers: true,
  transfersUntil: '',
};

export function valuesFromEvent(event: Event): EventFormValues {
  return {
    title: event.title,
    description: event.description,
    venue: event.venue,
    venueAddress: event.venue_address,
    category: event.category,
    timezone: event.timezone,
    startsAt: isoToWallTime(event.starts_at, event.timezone),
    endsAt: isoToWallTime(event.ends_at, event.timezone),
    checkinOpensAt: isoToWallTime(event.checkin_opens_at, event.timezone),
    capacity: String(event.capacity),
    price: event.price,
    currency: event.currency,
    maxPerBooking: String(event.max_per_booking),
    publishNow: event.status === 'published',
    paymentMethods: [...event.payment_methods],
    holdMinutes: String(event.hold_minutes),
    manualPaymentHours: String(event.manual_payment_hours),
    paymentInstructions: event.payment_instructions,
    attendeeCancelUntil: event.attendee_cancel_until
      ? isoToWallTime(event.attendee_cancel_until, event.timezone)
      : '',
    allowReentry: event.allow_reentry,
    waitingList: event.waiting_list,
    offerHours: String(event.offer_hours),
    allowTransfers: event.transfers_until !== null,
    // At the start (the default, which follows the start when it moves): shown empty.
    transfersUntil:
      event.transfers_until && Date.parse(event.transfers_until) !== Date.parse(event.starts_at)
        ? isoToWallTime(event.transfers_until, event.timezone)
        : '',
  };
}

/** Transfers: off (null), until the start (empty), or until the time given. */
function transfersUntilInput(values: EventFormValues): string | null {
  if (!values.allowTransfers) return null;
  return wallTimeToIso(values.transfersUntil || values.startsAt, values.timezone);
}

/** The API body for these values; datetimes become ISO 8601 with the event zone's offset. */
export function toEventInput(values: EventFormValues): EventInput {
  const input: EventInput = {
    title: values.title.trim(),
    description: values.description.trim(),
    venue: values.venue.trim(),
    venue_address: values.venueAddress.trim(),
    category: values.category,
    timezone: values.timezone,
    starts_at: wallTimeToIso(values.startsAt, values.timezone),
    ends_at: wallTimeToIso(values.endsAt, values.timezone),
    capacity: Number(values.capacity),
    price: values.price.trim().replace(',', '.'),
    currency: values.currency.trim().toUpperCase(),
    max_per_booking: Number(values.maxPerBooking),
    status: values.publishNow ? 'published' : 'draft',
    payment_methods: [...values.paymentMethods].sort(),
    hold_minutes: Number(values.holdMinutes),
    manual_payment_hours: Number(values.manualPaymentHours),
    payment_instructions: values.paymentInstructions.trim(),
    attendee_cancel_until: values.attendeeCancelUntil
      ? wallTimeToIso(values.attendeeCancelUntil, values.timezone)
      : null,
    allow_reentry: values.allowReentry,
    waiting_list: values.waitingList,
    offer_hours: Number(values.offerHours),
    transfers_until: transfersUntilInput(values),
  };
  // Left empty, the server opens check-in two hours before the start.
  if (values.checkinOpensAt) {
    input.checkin_opens_at = wallTimeToIso(values.checkinOpensAt, values.timezone);
  }
  return input;
}

/** Only what the organizer changed, so an edit never rewrites fields it did not touch. */
export function changedFields(before: EventFormValues, after: EventFormValues): EventPatch {
  const old = toEventInput(before);
  const next = toEventInput(after);
  const changes: EventPatch = {};
  for (const key of Object.keys(next) as FieldName[]) {
    // Lists compare by content (payment_methods), everything else by value.
    if (key !== 'status' && JSON.stringify(next[key]) !== JSON.stringify(old[key])) {
      Object.assign(changes, { [key]: next[key] });
    }
  }
  return changes;
}
