import { useState } from 'react';
import { Link, useParams } from 'react-router';

import { useEvent } from '@/features/events/api/get-event';
import { useUpdateEvent } from '@/features/events/api/update-event';
import { PhaseBadge } from '@/components/ui/phase-badge';
import { EventActions } from '@/features/events/components/event-actions';
import { EventForm } from '@/features/events/components/event-form';
import { ImageSection } from '@/features/events/components/image-section';
import { MessagesSection } from '@/features/events/components/messages-section';
import { QuestionsSection } from '@/features/events/components/questions-section';
import { StaffSection } from '@/features/events/components/staff-section';
import { CheckinListsSection } from '@/features/events/components/checkin-lists-section';
import { CodesSection } from '@/features/events/components/codes-section';
import { TicketTypesSection } from '@/features/events/components/ticket-types-section';
import { WaitingListSection } from '@/features/events/components/waiting-list-section';
import { valuesFromEvent } from '@/features/events/utils/event-form-values';
import { Alert } from '@/components/ui/alert';
import { Card } from '@/components/ui/card';
import { Spinner } from '@/components/ui/spinner';
import { paths } from '@/config/paths';
import { formatEventRange } from '@/lib/event-time';
import { formatSold } from '@/lib/format';
import { useDocumentTitle } from '@/lib/use-document-title';
import type { Event } from '@/types/api';

function EditEvent({ event }: { event: Event }) {
  const updateMutation = useUpdateEvent();
  // Remount the form after a save so it starts again from what the server stored.
  const [version, setVersion] = useState(0);

  return (
    <section aria-labelledby="edit-heading" className="flex flex-col gap-4">
      <h2 id="edit-heading" className="text-lg font-semibold">
        Details
      </h2>
      {updateMutation.isSuccess && <Alert tone="success">Changes saved.</Alert>}
      <EventForm
        key={version}
        mode="edit"
        initial={valuesFromEvent(event)}
        error={updateMutation.error}
        pending={updateMutation.isPending}
        onSubmit={(data) => {
          updateMutation.mutate(
            { id: event.id, data },
            {
              onSuccess: () => {
                setVersion((v) => v + 1);
              },
            },
          );
        }}
      />
    </section>
  );
}

export function ManageEventRoute() {
  const { id = '' } = useParams();
  const eventQuery = useEvent(id);
  useDocumentTitle(eventQuery.data ? `Manage ${eventQuery.data.title}` : 'Manage event');

  const back = (
    <Link
      to={paths.myEvents}
      className="inline-flex min-h-11 items-center self-start text-sm font-medium text-indigo-700 hover:underline"
    >
      ← My events
    </Link>
  );

  const event = eventQuery.data;
  // A failed background refetch keeps showing the event; only a failed first load is an error.
  if (!event) {
    if (eventQuery.isError) {
      return (
        <div className="flex flex-col gap-4">
          {back}
          <Alert
            title={eventQuery.error.status === 404 ? 'Event not found' : 'Could not load event'}
          >
            {eventQuery.error.detail}
          </Alert>
        </div>
      );
    }
    return (
      <div className="flex justify-center py-12">
        <Spinner label="Loading event" />
      </div>
    );
  }

  return (
    <div className="flex flex-col gap-4">
      {back}
      <Card className="flex flex-col gap-4">
        <header className="flex flex-col gap-2">
          <div className="flex flex-wrap items-center gap-2">
            <PhaseBadge phase={event.phase} startsAt={event.starts_at} />
            <span className="text-sm text-slate-600" data-testid="sold-summary">
              {formatSold(event.sold, event.pending, event.capacity)}
            </span>
            {event.payment_methods.includes('manual') && (
              <span className="text-sm text-slate-600" data-testid="manual-holds">
                {event.manual_held} of {event.manual_hold_cap} seats await bank transfer
              </span>
            )}
          </div>
          <h1 className="text-2xl font-semibold tracking-tight">{event.title}</h1>
          {event.status === 'draft' && (
            <p className="text-sm text-slate-600">
              A draft: only you can see it until you publish it.
            </p>
          )}
          <p className="text-sm text-slate-600">
            <time dateTime={event.starts_at}>
              {formatEventRange(event.starts_at, event.ends_at, event.timezone)}
            </time>{' '}
            · {event.venue}
          </p>
          <div className="flex flex-wrap gap-x-4">
            {event.status === 'published' && (
              <Link
                to={paths.eventDetail(event.id)}
                className="inline-flex min-h-11 items-center text-sm font-medium text-indigo-700 hover:underline"
              >
                View public page
              </Link>
            )}
            <Link
              to={paths.liveDoor(event.id)}
              className="inline-flex min-h-11 items-center text-sm font-medium text-indigo-700 hover:underline"
            >
              Live door
            </Link>
            <Link
              to={paths.eventDashboard(event.id)}
              className="inline-flex min-h-11 items-center text-sm font-medium text-indigo-700 hover:underline"
            >
              Dashboard
            </Link>
          </div>
        </header>
        <EventActions event={event} />
      </Card>
      <Card>
        {event.status === 'cancelled' ? (
          <Alert tone="info" title="This event has been cancelled">
            Its bookings were cancelled and its tickets voided. It can no longer be edited.
          </Alert>
        ) : (
          <EditEvent event={event} />
        )}
      </Card>
      {event.status !== 'cancelled' && (
        <Card>
          <TicketTypesSection event={event} />
        </Card>
      )}
      {event.status !== 'cancelled' && (
        <Card>
          <CodesSection event={event} />
        </Card>
      )}
      {event.status !== 'cancelled' && (
        <Card>
          <QuestionsSection event={event} />
        </Card>
      )}
      {event.status !== 'cancelled' && (
        <Card>
          <ImageSection event={event} />
        </Card>
      )}
      {event.status === 'published' && (
        <Card>
          <MessagesSection event={event} />
        </Card>
      )}
      {event.status === 'published' && (
        <Card>
          <WaitingListSection event={event} />
        </Card>
      )}
      {event.status !== 'cancelled' && (
        <Card>
          <CheckinListsSection event={event} />
        </Card>
      )}
      <Card>
        <StaffSection eventId={event.id} />
      </Card>
    </div>
  );
}
