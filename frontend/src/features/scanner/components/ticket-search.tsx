import { useEffect, useState } from 'react';

import { SEARCH_MIN_LENGTH, useTicketSearch } from '@/features/scanner/api/search-tickets';
import type { ConnectionMode } from '@/features/scanner/door/types';
import { searchTickets as searchLocalTickets } from '@/features/scanner/offline/door-db';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { formatEventTime } from '@/lib/event-time';
import { maskBackupCode } from '@/features/scanner/utils/backup-code';

export interface FoundTicket {
  id: number;
  holderName: string;
  ticketType: string | null;
  /** Masked: `****` and the code's last four characters. */
  backupCode: string;
  status: string;
  checkedInAt: string | null;
}

const LOCAL_LIMIT = 20;

/** Offline: the same search over this device's copy (names and backup codes; no e-mails). */
function useLocalSearch(eventId: number, q: string, enabled: boolean) {
  const [found, setFound] = useState<FoundTicket[] | null>(null);
  useEffect(() => {
    if (!enabled || q.trim().length < SEARCH_MIN_LENGTH) return;
    let active = true;
    searchLocalTickets(eventId, q, LOCAL_LIMIT).then(
      (tickets) => {
        if (!active) return;
        setFound(
          tickets.map((ticket) => ({
            id: ticket.id,
            holderName: ticket.holderName,
            ticketType: null,
            backupCode: maskBackupCode(ticket.backupCode),
            status: ticket.status,
            checkedInAt: ticket.checkedInAt,
          })),
        );
      },
      () => {
        if (active) setFound([]);
      },
    );
    return () => {
      active = false;
    };
  }, [eventId, q, enabled]);
  return enabled ? found : null;
}

/**
 * Find a ticket by holder name, whole e-mail address or backup code (a phone with a dead battery, a
 * crumpled print-out) and admit it by hand. The check-in is logged as manual.
 */
export function TicketSearch({
  eventId,
  mode,
  timeZone,
  onCheckIn,
}: {
  eventId: number;
  mode: ConnectionMode;
  /** The event's zone: check-in times are read there. */
  timeZone: string;
  onCheckIn: (ticket: number, label: string) => void;
}) {
  const [q, setQ] = useState('');
  const online = mode === 'online';
  const remote = useTicketSearch(eventId, q, { enabled: online });
  const local = useLocalSearch(eventId, q, !online);
  const results: FoundTicket[] | null = online
    ? (remote.data?.results.map((ticket) => ({
        id: ticket.id,
        holderName: ticket.attendee_name,
        ticketType: ticket.ticket_type?.name ?? null,
        backupCode: ticket.backup_code,
        status: ticket.status,
        checkedInAt: ticket.checked_in_at,
      })) ?? null)
    : local;
  const typed = q.trim().length;
  const searching = typed >= SEARCH_MIN_LENGTH;

  return (
    <section aria-labelledby="search-heading" className="flex flex-col gap-2">
      <h2 id="search-heading" className="text-base font-semibold">
        Find a ticket
      </h2>
      <label htmlFor="ticket-search" className="sr-only">
        Name, e-mail or backup code
      </label>
      <input
        id="ticket-search"
        type="search"
        autoComplete="off"
        value={q}
        onChange={(e) => {
          setQ(e.target.value);
        }}
        placeholder={online ? 'Name, e-mail or backup code' : 'Name or backup code (offline)'}
        className="min-h-11 rounded-lg border border-slate-300 bg-white px-3 text-base shadow-xs focus:outline-2 focus:outline-indigo-600"
      />
      {typed > 0 && !searching && (
        <p className="text-sm text-slate-600">
          Type at least {SEARCH_MIN_LENGTH} characters to search.
        </p>
      )}
      {searching && online && remote.isError && (
        <p role="alert" className="text-sm text-red-800">
          {remote.error.detail}
        </p>
      )}
      {searching && results && results.length === 0 && (
        <p className="text-sm text-slate-600">No ticket of this event matches.</p>
      )}
      {searching && results && results.length > 0 && (
        <ul
          className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white"
          data-testid="search-results"
        >
          {results.map((ticket) => (
            <li key={ticket.id} className="flex flex-wrap items-center gap-2 px-3 py-2 text-sm">
              <span className="flex min-w-0 flex-1 flex-col">
                <span className="font-medium">
                  {ticket.ticketType && (
                    <span className="mr-1.5 rounded border border-slate-400 px-1.5 text-xs font-bold uppercase">
                      {ticket.ticketType}
                    </span>
                  )}
                  {ticket.holderName} · Ticket #{ticket.id}
                </span>
                <span className="text-xs text-slate-600">Backup code {ticket.backupCode}</span>
              </span>
              {ticket.status !== 'valid' ? (
                <Badge tone="danger">Cancelled</Badge>
              ) : ticket.checkedInAt ? (
                <Badge tone="neutral">
                  In since {formatEventTime(ticket.checkedInAt, timeZone)}
                </Badge>
              ) : null}
              <Button
                variant="secondary"
                className="min-h-9"
                onClick={() => {
                  onCheckIn(ticket.id, `${ticket.holderName} (#${String(ticket.id)})`);
                  setQ('');
                }}
              >
                Check in
              </Button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
