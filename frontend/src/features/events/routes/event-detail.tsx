import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router';

import { useEvent } from '@/features/events/api/get-event';
import { AvailabilityBadge } from '@/features/events/components/event-badges';
import { priceLabel } from '@/features/events/utils/price-label';
import { Alert } from '@/components/ui/alert';
import { Card } from '@/components/ui/card';
import { Spinner } from '@/components/ui/spinner';
import { paths } from '@/config/paths';
import { formatEventDateTime, formatEventRange } from '@/lib/event-time';
import { useDocumentTitle } from '@/lib/use-document-title';
import type { Event } from '@/types/api';

export interface EventDetailRouteProps {
  /**
   * The booking panel, supplied by the app layer (features never import each other): it is
   * rendered under the event's facts with the loaded event.
   */
  renderBooking?: (event: Event) => ReactNode;
}

export function EventDetailRoute({ renderBooking }: EventDetailRouteProps) {
  const { id = '' } = useParams();
  const eventQuery = useEvent(id);
  useDocumentTitle(eventQuery.data?.title ?? 'Event');

  const back = (
    <Link
      to={paths.home}
      className="inline-flex min-h-11 items-center text-sm font-medium text-indigo-700 hover:underline"
    >
      ← All events
    </Link>
  );

  if (eventQuery.isPending) {
    return (
      <div className="flex justify-center py-12">
        <Spinner label="Loading event" />
      </div>
    );
  }

  if (eventQuery.isError) {
    const notFound = eventQuery.error.status === 404;
    return (
      <div className="flex flex-col gap-4">
        {back}
        <Alert title={notFound ? 'Event not found' : 'The event could not be loaded'}>
          {notFound
            ? 'It may have ended, been cancelled, or the link is wrong.'
            : eventQuery.error.detail}
        </Alert>
      </div>
    );
  }

  const event = eventQuery.data;
  // The schema types category as one of the list, but an event without one sends "".
  const category: string = event.category;
  const facts: [string, ReactNode][] = [
    [
      'When',
      <time key="when" dateTime={event.starts_at}>
        {formatEventRange(event.starts_at, event.ends_at, event.timezone)}
      </time>,
    ],
    [
      'Where',
      event.venue_address ? (
        <span key="where" className="flex flex-col">
          <span>{event.venue}</span>
          <span className="text-sm text-slate-600">{event.venue_address}</span>
        </span>
      ) : (
        event.venue
      ),
    ],
    [
      'Doors open',
      <time key="doors" dateTime={event.checkin_opens_at}>
        {formatEventDateTime(event.checkin_opens_at, event.timezone)}
      </time>,
    ],
    ['Price', priceLabel(event)],
  ];
  // Seats left only matter while they can be bought.
  if (event.phase === 'on_sale') {
    facts.push([
      'Availability',
      `${String(event.tickets_available)} of ${String(event.capacity)} left`,
    ]);
  }
  facts.push(['Organizer', event.organizer.name]);

  return (
    <div className="flex flex-col gap-4">
      {back}
      <Card className="flex flex-col gap-5">
        {event.image && (
          <img
            src={event.image}
            alt=""
            className="-mx-4 -mt-4 aspect-[2/1] w-[calc(100%+2rem)] max-w-none rounded-t-xl object-cover sm:-mx-6 sm:-mt-6 sm:w-[calc(100%+3rem)]"
          />
        )}
        <header className="flex flex-col gap-2">
          <div className="flex flex-wrap items-center gap-2">
            {category && (
              <span className="text-xs font-semibold tracking-wide text-indigo-700 uppercase">
                {category}
              </span>
            )}
            <AvailabilityBadge event={event} />
          </div>
          <h1 className="text-2xl font-semibold tracking-tight sm:text-3xl">{event.title}</h1>
          {/* What the viewer may do comes with the event: the server decides it, once. */}
          {event.can_manage && (
            <Link
              to={paths.manageEvent(event.id)}
              className="inline-flex min-h-11 items-center self-start text-sm font-medium text-indigo-700 hover:underline"
            >
              Manage this event
            </Link>
          )}
        </header>
        <dl className="grid gap-3 sm:grid-cols-2">
          {facts.map(([term, value]) => (
            <div key={term} className="rounded-lg bg-slate-50 px-3 py-2">
              <dt className="text-xs font-medium tracking-wide text-slate-500 uppercase">{term}</dt>
              <dd className="mt-0.5 text-slate-900">{value}</dd>
            </div>
          ))}
        </dl>
        {renderBooking?.(event)}
        {event.description && (
          <section aria-labelledby="about-heading">
            <h2 id="about-heading" className="text-lg font-semibold">
              About this event
            </h2>
            <p className="mt-2 whitespace-pre-line text-slate-700">{event.description}</p>
          </section>
        )}
      </Card>
    </div>
  );
}
