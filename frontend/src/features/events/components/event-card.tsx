import { Link } from 'react-router';

import { AvailabilityBadge } from '@/features/events/components/event-badges';
import { priceLabel } from '@/features/events/utils/price-label';
import { paths } from '@/config/paths';
import { formatEventDateTime } from '@/lib/event-time';
import type { Event } from '@/types/api';

export function EventCard({ event }: { event: Event }) {
  return (
    <article className="relative flex h-full flex-col gap-3 overflow-hidden rounded-xl border border-slate-200 bg-white p-4 shadow-sm transition-shadow focus-within:ring-2 focus-within:ring-indigo-600 hover:shadow-md">
      {event.image && (
        <img
          src={event.image}
          alt=""
          loading="lazy"
          className="-mx-4 -mt-4 aspect-[2/1] w-[calc(100%+2rem)] max-w-none object-cover"
        />
      )}
      <div className="flex items-start justify-between gap-3">
        <h2 className="text-lg leading-snug font-semibold">
          <Link
            to={paths.eventDetail(event.id)}
            className="after:absolute after:inset-0 focus:outline-none"
          >
            {event.title}
          </Link>
        </h2>
        <AvailabilityBadge event={event} />
      </div>
      <dl className="grid gap-1 text-sm text-slate-600">
        <div>
          <dt className="sr-only">Date and time</dt>
          <dd>
            <time dateTime={event.starts_at}>
              {formatEventDateTime(event.starts_at, event.timezone)}
            </time>
          </dd>
        </div>
        <div>
          <dt className="sr-only">Venue</dt>
          <dd>{event.venue}</dd>
        </div>
      </dl>
      <p className="mt-auto text-base font-semibold text-slate-900">
        <span className="sr-only">Price: </span>
        {priceLabel(event)}
      </p>
    </article>
  );
}
