import { Link } from 'react-router';

import { useReceivedTickets } from '@/features/bookings/api/get-received-tickets';
import { TicketItem } from '@/features/bookings/components/ticket-item';
import { paths } from '@/config/paths';
import { isPast } from '@/lib/datetime';
import { formatEventRange } from '@/lib/event-time';
import type { HeldTicket } from '@/types/api';

function ReceivedTicket({ ticket }: { ticket: HeldTicket }) {
  const event = ticket.event;
  const ended = event.status === 'cancelled' || ticket.status === 'cancelled';
  return (
    <article
      aria-label={`Ticket for ${event.title}`}
      className="flex flex-col gap-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6"
    >
      <header className="min-w-0">
        <h3 className="text-lg leading-snug font-semibold">
          <Link to={paths.eventDetail(event.id)} className="hover:text-indigo-700 hover:underline">
            {event.title}
          </Link>
        </h3>
        <p className="text-sm text-slate-600">
          <time dateTime={event.starts_at}>
            {formatEventRange(event.starts_at, event.ends_at, event.timezone)}
          </time>
        </p>
        <p className="text-sm text-slate-600">
          {event.venue}
          {event.venue_address && `, ${event.venue_address}`}
        </p>
      </header>
      <ul aria-label="Tickets">
        <TicketItem
          ticket={ticket}
          voided={ended}
          timeZone={event.timezone}
          eventId={event.id}
          editable={!ended && !isPast(event.starts_at)}
          transfersUntil={ended ? null : event.transfers_until}
        />
      </ul>
    </article>
  );
}

/**
 * Tickets someone transferred to the signed-in user: found by the address they confirmed.
 * Nothing shows while there are none (or they cannot be loaded: the bookings above still are).
 */
export function ReceivedTickets() {
  const query = useReceivedTickets();
  const tickets = query.data ?? [];
  if (tickets.length === 0) return null;
  return (
    <section aria-labelledby="received-tickets" className="flex flex-col gap-3">
      <h2 id="received-tickets" className="text-lg font-semibold">
        Transferred to you
      </h2>
      <ul className="flex flex-col gap-4">
        {tickets.map((ticket) => (
          <li key={ticket.id}>
            <ReceivedTicket ticket={ticket} />
          </li>
        ))}
      </ul>
    </section>
  );
}
