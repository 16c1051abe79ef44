import { useState } from 'react';
import { useNavigate } from 'react-router';

import { useDeleteEvent } from '@/features/events/api/delete-event';
import { useDuplicateEvent } from '@/features/events/api/duplicate-event';
import { useEventTransition } from '@/features/events/api/event-transitions';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { paths } from '@/config/paths';
import { formAlertMessage, type ApiError } from '@/lib/errors';
import type { Event, EventPhase } from '@/types/api';

const dangerButton = 'bg-red-600 hover:bg-red-700 disabled:bg-red-300';

function actionError(error: ApiError): string | null {
  switch (error.code) {
    case 'event_has_bookings':
      return 'This event has had bookings, so it cannot be deleted. Cancel it instead.';
    case 'event_cancelled':
      return 'This event has been cancelled; it cannot be changed any more.';
    case 'event_in_past':
      return 'This event starts in the past, so it cannot be published. Move it to a future date first.';
    default:
      return formAlertMessage(error, []);
  }
}

type Confirming = 'cancel' | 'delete' | null;

/** What publishing actually did, from the phase the server answered (never assumed). */
function publishedMessage(phase: EventPhase): string {
  switch (phase) {
    case 'on_sale':
      return 'Published: the event is now listed and open for booking.';
    case 'sold_out':
      return 'Published: the event is listed, but it is sold out.';
    case 'live':
      return 'Published: the event is listed and check-in is open.';
    default:
      return 'Saved, but the event is not open for booking.';
  }
}

/** Publish, cancel and delete, each destructive one behind an explicit confirmation. */
export function EventActions({ event }: { event: Event }) {
  const navigate = useNavigate();
  const publishMutation = useEventTransition();
  const cancelMutation = useEventTransition();
  const deleteMutation = useDeleteEvent();
  const duplicateMutation = useDuplicateEvent();
  const [confirming, setConfirming] = useState<Confirming>(null);
  const error =
    publishMutation.error ??
    cancelMutation.error ??
    deleteMutation.error ??
    duplicateMutation.error;
  const message = error ? actionError(error) : null;
  const busy =
    publishMutation.isPending ||
    cancelMutation.isPending ||
    deleteMutation.isPending ||
    duplicateMutation.isPending;

  function resetErrors() {
    publishMutation.reset();
    cancelMutation.reset();
    deleteMutation.reset();
    duplicateMutation.reset();
  }

  return (
    <section aria-labelledby="actions-heading" className="flex flex-col gap-3">
      <h2 id="actions-heading" className="sr-only">
        Event actions
      </h2>
      {message && <Alert>{message}</Alert>}
      {publishMutation.isSuccess && (
        <Alert tone={publishMutation.data.phase === 'draft' ? 'info' : 'success'}>
          {publishedMessage(publishMutation.data.phase)}
        </Alert>
      )}

      {confirming === 'cancel' ? (
        <div className="flex flex-col gap-3 rounded-lg border border-red-200 bg-red-50 p-3">
          <p className="text-sm text-red-900">
            Cancel this event? Every booking is cancelled and all{' '}
            {event.tickets_sold === 1 ? 'ticket' : `${String(event.tickets_sold)} tickets`} sold
            stop working at the door. This cannot be undone.
          </p>
          <div className="flex flex-wrap gap-2">
            <Button
              className={dangerButton}
              disabled={busy}
              onClick={() => {
                cancelMutation.mutate(
                  { id: event.id, transition: 'cancel' },
                  {
                    onSettled: () => {
                      setConfirming(null);
                    },
                  },
                );
              }}
            >
              {cancelMutation.isPending ? 'Cancelling…' : 'Yes, cancel event'}
            </Button>
            <Button
              variant="ghost"
              onClick={() => {
                setConfirming(null);
              }}
            >
              Keep event
            </Button>
          </div>
        </div>
      ) : confirming === 'delete' ? (
        <div className="flex flex-col gap-3 rounded-lg border border-red-200 bg-red-50 p-3">
          <p className="text-sm text-red-900">
            Delete this event for good? Only an event that never had a booking can be deleted.
          </p>
          <div className="flex flex-wrap gap-2">
            <Button
              className={dangerButton}
              disabled={busy}
              onClick={() => {
                deleteMutation.mutate(event.id, {
                  onSuccess: () => {
                    void navigate(paths.myEvents, { replace: true });
                  },
                  onError: () => {
                    setConfirming(null);
                  },
                });
              }}
            >
              {deleteMutation.isPending ? 'Deleting…' : 'Yes, delete'}
            </Button>
            <Button
              variant="ghost"
              onClick={() => {
                setConfirming(null);
              }}
            >
              Keep event
            </Button>
          </div>
        </div>
      ) : (
        <div className="flex flex-wrap gap-2">
          {event.status === 'draft' && (
            <Button
              disabled={busy}
              onClick={() => {
                resetErrors();
                publishMutation.mutate({ id: event.id, transition: 'publish' });
              }}
            >
              {publishMutation.isPending ? 'Publishing…' : 'Publish'}
            </Button>
          )}
          {event.status !== 'cancelled' && (
            <Button
              variant="secondary"
              disabled={busy}
              onClick={() => {
                resetErrors();
                setConfirming('cancel');
              }}
            >
              Cancel event
            </Button>
          )}
          <Button
            variant="secondary"
            disabled={busy}
            onClick={() => {
              resetErrors();
              duplicateMutation.mutate(event.id, {
                onSuccess: (copy) => {
                  void navigate(paths.manageEvent(copy.id));
                },
              });
            }}
          >
            {duplicateMutation.isPending ? 'Duplicating…' : 'Duplicate'}
          </Button>
          <Button
            variant="secondary"
            className="text-red-700"
            disabled={busy}
            onClick={() => {
              resetErrors();
              setConfirming('delete');
            }}
          >
            Delete
          </Button>
        </div>
      )}
    </section>
  );
}
