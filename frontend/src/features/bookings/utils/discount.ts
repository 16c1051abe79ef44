/**
 * What a code takes off, as the server computes it (events/services/codes.py), so the booking
 * form shows the total the buyer will be asked for: per ticket of a type the code applies to
 * (its types, or all), nothing off free tickets; percent_off of the price rounded half up to
 * the cent, or amount_off but never more than the price.
 */
import { toCents } from '@/features/bookings/utils/money';
import type { ApiError } from '@/lib/errors';
import type { CodeTerms } from '@/types/api';

export interface PricedLine {
  ticketType: { id: number; price: string };
  quantity: number;
}

function applies(terms: CodeTerms, typeId: number): boolean {
  return terms.ticket_types.length === 0 || terms.ticket_types.includes(typeId);
}

/** What `terms` takes off one ticket of this price and type, in cents. */
export function ticketDiscountCents(terms: CodeTerms, typeId: number, price: string): number {
  const cents = toCents(price);
  if (terms.kind !== 'discount' || cents <= 0 || !applies(terms, typeId)) return 0;
  if (terms.percent_off !== null) {
    const hundredths = Math.round(Number(terms.percent_off) * 100);
    return Math.floor((cents * hundredths + 5000) / 10000);
  }
  return Math.min(toCents(terms.amount_off ?? '0'), cents);
}

/** The discount of a booking of these lines, in cents. */
export function discountCents(terms: CodeTerms, lines: readonly PricedLine[]): number {
  return lines.reduce(
    (sum, line) =>
      sum + ticketDiscountCents(terms, line.ticketType.id, line.ticketType.price) * line.quantity,
    0,
  );
}

/** "15% off", "€5.00 off each ticket", "Unlocks hidden tickets". */
export function describeCode(terms: CodeTerms, formatMoney: (amount: string) => string): string {
  if (terms.kind === 'access') return 'Unlocks tickets not on public sale';
  const what =
    terms.percent_off !== null
      ? `${String(Number(terms.percent_off))}% off`
      : `${formatMoney(terms.amount_off ?? '0')} off each ticket`;
  return terms.ticket_types.length === 0 ? what : `${what} of some ticket types`;
}

/** Why a code typed by the buyer cannot be used, in words. */
export function codeErrorMessage(error: ApiError): string {
  switch (error.code) {
    case 'code_invalid':
      return 'This code is not valid for this event (unknown, no longer active or out of date).';
    case 'code_used_up':
      return 'This code has been used as often as it may be.';
    case 'code_not_applicable':
      return 'This code applies to none of the tickets you chose.';
    default:
      return error.detail;
  }
}
