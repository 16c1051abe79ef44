import { isPast } from '@/lib/datetime';
import type { Event, TicketType } from '@/types/api';

/** The types of an event with a waiting list that are sold out while on sale (none when off). */
export function soldOutTypes(event: Event): TicketType[] {
  if (!event.waiting_list) return [];
  return event.ticket_types.filter(
    (type) =>
      type.available <= 0 &&
      !(type.sales_start && !isPast(type.sales_start)) &&
      !(type.sales_end && isPast(type.sales_end)),
  );
}
