import { formatPrice } from '@/lib/format';
import type { Event } from '@/types/api';

/**
 * The event's price as a buyer should read it: its `price` is its cheapest ticket type's,
 * so it is "From €15.00" when the types' prices differ.
 */
export function priceLabel(event: Pick<Event, 'price' | 'currency' | 'ticket_types'>): string {
  const price = formatPrice(event.price, event.currency);
  return new Set(event.ticket_types.map((type) => type.price)).size > 1 ? `From ${price}` : price;
}
