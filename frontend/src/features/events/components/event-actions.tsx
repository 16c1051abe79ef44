import { useState } from 'react';
import { useNavigate } from 'react-router';

import { useDeleteEvent } from '@/features/events/api/delete-event';
import { useUpdateEvent } from '@/features/events/api/update-event';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { paths } from '@/config/paths';
import { formAlertMessage, type ApiError } from '@/lib/errors';
import type { Event } from '@/types/api';

const dangerButton = 'bg-red-600 hover:bg-red-700 disabled:bg-red-300';

function actionError(error: ApiError): string | null {
  switch (error.code) {
    case 'event_has_bookings':
      return 'This event has had bookings, so it cannot be deleted. Cancel it instead.';
    case 'event_cancelled':
      return 'This event has been cancelled; it cannot be changed any more.';
    default:
      return formAlertMessage(error, []);
  }
}

type Confirming = 'cancel' | 'delete' | null;

/** Publish, cancel and delete, each destructive one behind an explicit confirmation. */
export function EventActions({ event }: { event: Event }) {
  const navigate = useNavigate();
  const publishMutation = useUpdateEvent();
  const cancelMutation = useUpdateEvent();
  const deleteMutation = useDeleteEvent();
  const [confirming, setConfirming] = useState<Confirming>(null);
  const error = publishMutation.error ?? cancelMutation.error ?? deleteMutation.error;
  const message = error ? actionError(error) : null;
  const busy = publishMutation.isPending || cancelMutation.isPending || deleteMutation.isPending;

  function resetErrors() {
    publishMutation.reset();
    cancelMutation.reset();
    deleteMutation.reset();
  }

  return (
    <section aria-labelledby="actions-heading" className="flex flex-col gap-3">
      <h2 id="actions-heading" className="sr-only">
        Event actions
      </h2>
      {message && <Alert>{message}</Alert>}
      {publishMutation.isSuccess && (
        <Alert tone="success">Published: the event is now listed and open for booking.</Alert>
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
                  { id: event.id, data: { status: 'cancelled' } },
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
                publishMutation.mutate({ id: event.id, data: { status: 'published' } });
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
