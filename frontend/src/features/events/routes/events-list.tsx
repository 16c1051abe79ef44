import { useState, type SubmitEvent } from 'react';
import { Link, useSearchParams } from 'react-router';

import { useEvents } from '@/features/events/api/get-events';
import { EventCard } from '@/features/events/components/event-card';
import { EventFilters, type EventFilterValues } from '@/features/events/components/event-filters';
import { DEFAULT_ORDERING, isOrdering } from '@/features/events/utils/ordering';
import { Button } from '@/components/ui/button';
import { Pagination } from '@/components/ui/pagination';
import { Spinner } from '@/components/ui/spinner';
import { LoadFailed } from '@/components/ui/load-failed';
import { endOfDayIso, startOfDayIso } from '@/lib/datetime';
import { cn } from '@/lib/cn';
import { useDocumentTitle } from '@/lib/use-document-title';

function pageFrom(value: string | null): number {
  const page = Number(value);
  return Number.isInteger(page) && page > 0 ? page : 1;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function dateFrom(value: string | null): string {
  return value && DATE.test(value) ? value : '';
}

function SearchForm({ initial, onSearch }: { initial: string; onSearch: (value: string) => void }) {
  const [draft, setDraft] = useState(initial);

  function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    onSearch(draft.trim());
  }

  return (
    <form role="search" onSubmit={handleSubmit} className="flex gap-2 sm:w-96">
      <label htmlFor="event-search" className="sr-only">
        Search events
      </label>
      <input
        id="event-search"
        type="search"
        value={draft}
        onChange={(e) => {
          setDraft(e.target.value);
        }}
        placeholder="Search by title, venue…"
        className="min-h-11 w-full min-w-0 rounded-lg border border-slate-300 bg-white px-3 text-base focus:outline-2 focus:outline-indigo-600"
      />
      <Button type="submit" variant="secondary">
        Search
      </Button>
    </form>
  );
}

function WhenTabs({ past }: { past: boolean }) {
  const tab = (active: boolean) =>
    cn(
      'inline-flex min-h-11 items-center rounded-lg px-4 text-sm font-semibold',
      active ? 'bg-indigo-600 text-white' : 'text-slate-700 hover:bg-slate-100',
    );
  return (
    <nav aria-label="Which events" className="flex gap-1">
      <Link to="/" className={tab(!past)} aria-current={past ? undefined : 'page'}>
        Upcoming
      </Link>
      <Link to="/?when=past" className={tab(past)} aria-current={past ? 'page' : undefined}>
        Past events
      </Link>
    </nav>
  );
}

/** The filters a URL asks for; anything it does not say is the default. */
function filtersFrom(searchParams: URLSearchParams): EventFilterValues {
  const ordering = searchParams.get('ordering');
  return {
    category: searchParams.get('category') ?? '',
    from: dateFrom(searchParams.get('from')),
    to: dateFrom(searchParams.get('to')),
    ordering: isOrdering(ordering) ? ordering : DEFAULT_ORDERING,
  };
}

/** No event to list: why, and the way back to all of them. */
function NoEvents({
  noun,
  search,
  filtered,
  onClear,
}: {
  noun: string;
  search: string;
  filtered: boolean;
  onClear: () => void;
}) {
  return (
    <div className="rounded-xl border border-dashed border-slate-300 bg-white px-4 py-12 text-center">
      <p className="font-medium">
        {search
          ? `No ${noun} match “${search}”.`
          : filtered
            ? `No ${noun} match these filters.`
            : `No ${noun} yet.`}
      </p>
      {filtered ? (
        <Button variant="secondary" className="mt-3" onClick={onClear}>
          Clear filters
        </Button>
      ) : (
        <p className="mt-1 text-sm text-slate-600">Check back soon.</p>
      )}
    </div>
  );
}

export function EventsListRoute() {
  const [searchParams, setSearchParams] = useSearchParams();
  const past = searchParams.get('when') === 'past';
  const heading = past ? 'Past events' : 'Upcoming events';
  const noun = past ? 'past events' : 'upcoming events';
  useDocumentTitle(heading);
  // Every filter lives in the URL, so reload, back and shared links keep them.
  const search = searchParams.get('search') ?? '';
  const page = pageFrom(searchParams.get('page'));
  const filters = filtersFrom(searchParams);
  const eventsQuery = useEvents({
    page,
    search,
    category: filters.category,
    startsAfter: filters.from ? startOfDayIso(filters.from) : '',
    startsBefore: filters.to ? endOfDayIso(filters.to) : '',
    ordering: filters.ordering === DEFAULT_ORDERING ? undefined : filters.ordering,
    when: past ? 'past' : undefined,
  });
  const filtered = Boolean(search || filters.category || filters.from || filters.to);

  function update(next: Partial<EventFilterValues> & { search?: string; page?: number }) {
    const merged = { ...filters, search, ...next, page: next.page ?? 1 };
    const params = new URLSearchParams();
    if (past) params.set('when', 'past');
    if (merged.search) params.set('search', merged.search);
    if (merged.category) params.set('category', merged.category);
    if (merged.from) params.set('from', merged.from);
    if (merged.to) params.set('to', merged.to);
    if (merged.ordering !== DEFAULT_ORDERING) params.set('ordering', merged.ordering);
    if (merged.page > 1) params.set('page', String(merged.page));
    setSearchParams(params);
  }

  const data = eventsQuery.data;

  return (
    <section className="flex flex-col gap-5">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-end sm:justify-between">
        <h1 className="text-2xl font-semibold tracking-tight">{heading}</h1>
        <SearchForm
          key={search}
          initial={search}
          onSearch={(value) => {
            update({ search: value });
          }}
        />
      </div>
      <WhenTabs past={past} />
      <EventFilters values={filters} onChange={update} />

      {eventsQuery.isPending ? (
        <div className="flex justify-center py-12">
          <Spinner label="Loading events" />
        </div>
      ) : eventsQuery.isError ? (
        <LoadFailed
          title="Events could not be loaded"
          detail={eventsQuery.error.detail}
          onRetry={() => {
            void eventsQuery.refetch();
          }}
        />
      ) : data && data.results.length === 0 ? (
        <NoEvents
          noun={noun}
          search={search}
          filtered={filtered}
          onClear={() => {
            setSearchParams(new URLSearchParams(past ? { when: 'past' } : {}));
          }}
        />
      ) : (
        data && (
          <>
            <ul
              className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3"
              aria-busy={eventsQuery.isPlaceholderData}
            >
              {data.results.map((event) => (
                <li key={event.id}>
                  <EventCard event={event} />
                </li>
              ))}
            </ul>
            <Pagination
              page={page}
              hasPrevious={data.previous !== null}
              hasNext={data.next !== null}
              onPageChange={(nextPage) => {
                update({ page: nextPage });
                window.scrollTo({ top: 0 });
              }}
              label="Events pages"
            />
          </>
        )
      )}
    </section>
  );
}
