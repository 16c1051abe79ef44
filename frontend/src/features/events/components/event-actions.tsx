import { useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router';

import { useDeleteEvent } from '@/features/events/api/delete-event';
import { useDuplicateEvent } from '@/features/events/api/duplicate-event';
import { useEventTransition } from '@/features/events/api/event-transitions';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TextareaField } from '@/components/ui/textarea-field';
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
    case 'payment_instructions_required':
      return 'Buyers can only pay by bank transfer or at the box office: add payment instructions (how and where to pay) and save before publishing.';
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

/** Most a cancellation reason may say: it goes into the e-mail every ticket holder gets. */
const MAX_CANCEL_REASON = 2_000;

/** A destructive step, asked once more: what it does, then "Yes, ..." or keep the event. */
function ConfirmPanel({
  question,
  confirmLabel,
  pendingLabel,
  pending,
  busy,
  onConfirm,
  onKeep,
  children,
}: {
  question: ReactNode;
  confirmLabel: string;
  pendingLabel: string;
  pending: boolean;
  busy: boolean;
  onConfirm: () => void;
  onKeep: () => void;
  children?: ReactNode;
}) {
  return (
    <div className="flex flex-col gap-3 rounded-lg border border-red-200 bg-red-50 p-3">
      <p className="text-sm text-red-900">{question}</p>
      {children}
      <div className="flex flex-wrap gap-2">
        <Button className={dangerButton} disabled={busy} onClick={onConfirm}>
          {pending ? pendingLabel : confirmLabel}
        </Button>
        <Button variant="ghost" onClick={onKeep}>
          Keep event
        </Button>
      </div>
    </div>
  );
}

function CancelConfirm({
  event,
  busy,
  cancelMutation,
  onDone,
}: {
  event: Event;
  busy: boolean;
  cancelMutation: ReturnType<typeof useEventTransition>;
  onDone: () => void;
}) {
  const [reason, setReason] = useState('');
  const sold = event.sold === 1 ? 'ticket' : `${String(event.sold)} tickets`;
  return (
    <ConfirmPanel
      question={`Cancel this event? Every booking is cancelled and all ${sold} sold stop working at the door. This cannot be undone.`}
      confirmLabel="Yes, cancel event"
      pendingLabel="Cancelling…"
      pending={cancelMutation.isPending}
      busy={busy}
      onConfirm={() => {
        cancelMutation.mutate(
          { id: event.id, transition: 'cancel', reason: reason.trim() },
          { onSettled: onDone },
        );
      }}
      onKeep={onDone}
    >
      <TextareaField
        label="Reason (sent to every ticket holder)"
        name="reason"
        rows={3}
        maxLength={MAX_CANCEL_REASON}
        hint="Optional. It goes into the cancellation e-mail, at most 2,000 characters."
        value={reason}
        onChange={(e) => {
          setReason(e.target.value);
        }}
      />
    </ConfirmPanel>
  );
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
        <CancelConfirm
          event={event}
          busy={busy}
          cancelMutation={cancelMutation}
          onDone={() => {
            setConfirming(null);
          }}
        />
      ) : confirming === 'delete' ? (
        <ConfirmPanel
          question="Delete this event for good? Only an event that never had a booking can be deleted."
          confirmLabel="Yes, delete"
          pendingLabel="Deleting…"
          pending={deleteMutation.isPending}
          busy={busy}
          onConfirm={() => {
            deleteMutation.mutate(event.id, {
              onSuccess: () => {
                void navigate(paths.myEvents, { replace: true });
              },
              onError: () => {
                setConfirming(null);
              },
            });
          }}
          onKeep={() => {
            setConfirming(null);
          }}
        />
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
