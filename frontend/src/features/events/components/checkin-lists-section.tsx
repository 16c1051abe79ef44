import { useState, type SubmitEvent } from 'react';

import { useCreateCheckinList } from '@/features/events/api/create-checkin-list';
import { useDeleteCheckinList } from '@/features/events/api/delete-checkin-list';
import { useCheckinLists } from '@/features/events/api/get-checkin-lists';
import { useUpdateCheckinList } from '@/features/events/api/update-checkin-list';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Spinner } from '@/components/ui/spinner';
import { formAlertMessage, type ApiError } from '@/lib/errors';
import type { CheckinList, Event } from '@/types/api';

interface ListValues {
  name: string;
  ticketTypes: number[];
}

/** Name and types of a list; Entry's types are fixed (every type). */
function ListForm({
  event,
  initial,
  fixedTypes,
  submitLabel,
  pending,
  error,
  onSubmit,
  onCancel,
}: {
  event: Event;
  initial: ListValues;
  fixedTypes: boolean;
  submitLabel: string;
  pending: boolean;
  error: ApiError | null;
  onSubmit: (values: ListValues) => void;
  onCancel?: () => void;
}) {
  const [values, setValues] = useState(initial);
  const alert = error ? formAlertMessage(error, ['name', 'ticket_types']) : null;

  function handleSubmit(formEvent: SubmitEvent<HTMLFormElement>) {
    formEvent.preventDefault();
    onSubmit({ ...values, name: values.name.trim() });
  }

  function toggle(id: number, on: boolean) {
    const others = values.ticketTypes.filter((type) => type !== id);
    setValues({ ...values, ticketTypes: on ? [...others, id] : others });
  }

  return (
    <form onSubmit={handleSubmit} noValidate className="flex flex-col gap-3">
      {alert && <Alert>{alert}</Alert>}
      <Field
        label="List name"
        name="list-name"
        autoComplete="off"
        maxLength={100}
        required
        value={values.name}
        onChange={(e) => {
          setValues({ ...values, name: e.target.value });
        }}
        error={error?.fieldError('name')}
      />
      {!fixedTypes && (
        <fieldset className="flex flex-col gap-1">
          <legend className="text-sm font-medium">Ticket types admitted (none ticked: all)</legend>
          {event.ticket_types.map((type) => (
            <label key={type.id} className="flex min-h-11 items-center gap-2 text-sm">
              <input
                type="checkbox"
                className="size-5"
                checked={values.ticketTypes.includes(type.id)}
                onChange={(e) => {
                  toggle(type.id, e.target.checked);
                }}
              />
              {type.name}
            </label>
          ))}
          {error?.fieldError('ticket_types') && (
            <p className="text-sm text-red-700">{error.fieldError('ticket_types')}</p>
          )}
        </fieldset>
      )}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={pending || !values.name.trim()}>
          {pending ? 'Saving…' : submitLabel}
        </Button>
        {onCancel && (
          <Button type="button" variant="secondary" onClick={onCancel}>
            Cancel
          </Button>
        )}
      </div>
    </form>
  );
}

function ListRow({ event, list }: { event: Event; list: CheckinList }) {
  const [editing, setEditing] = useState(false);
  const updateMutation = useUpdateCheckinList(event.id);
  const deleteMutation = useDeleteCheckinList(event.id);
  const types = list.ticket_types.map((type) => type.name).join(', ') || 'Every ticket type';

  if (editing) {
    return (
      <li className="px-3 py-3">
        <ListForm
          event={event}
          initial={{ name: list.name, ticketTypes: list.ticket_types.map((type) => type.id) }}
          fixedTypes={list.is_default}
          submitLabel="Save list"
          pending={updateMutation.isPending}
          error={updateMutation.error}
          onSubmit={({ name, ticketTypes }) => {
            const data = list.is_default ? { name } : { name, ticket_types: ticketTypes };
            updateMutation.mutate(
              { id: list.id, data },
              {
                onSuccess: () => {
                  setEditing(false);
                },
              },
            );
          }}
          onCancel={() => {
            setEditing(false);
          }}
        />
      </li>
    );
  }
  return (
    <li className="flex flex-wrap items-center gap-3 px-3 py-2" data-testid="checkin-list-row">
      <div className="min-w-0 flex-1">
        <p className="font-medium">
          {list.name} {list.is_default && <Badge tone="neutral">Entry: the event's counts</Badge>}
        </p>
        <p className="text-sm text-slate-600">
          {types} · {String(list.checked_in)} checked in
        </p>
        {deleteMutation.error && <Alert>{deleteMutation.error.detail}</Alert>}
      </div>
      <Button
        variant="secondary"
        aria-label={`Edit ${list.name}`}
        onClick={() => {
          setEditing(true);
        }}
      >
        Edit
      </Button>
      {!list.is_default && (
        <Button
          variant="secondary"
          aria-label={`Delete ${list.name}`}
          disabled={deleteMutation.isPending}
          onClick={() => {
            deleteMutation.mutate(list.id);
          }}
        >
          Delete
        </Button>
      )}
    </li>
  );
}

function AddListForm({ event }: { event: Event }) {
  const [formKey, setFormKey] = useState(0);
  const createMutation = useCreateCheckinList(event.id);
  return (
    <ListForm
      key={formKey}
      event={event}
      initial={{ name: '', ticketTypes: [] }}
      fixedTypes={false}
      submitLabel="Add list"
      pending={createMutation.isPending}
      error={createMutation.error}
      onSubmit={({ name, ticketTypes }) => {
        createMutation.mutate(
          { name, ticket_types: ticketTypes },
          {
            onSuccess: () => {
              setFormKey((key) => key + 1);
            },
          },
        );
      }}
    />
  );
}

/** The lists the door scans against: Entry, and more limited to types (a VIP lounge). */
export function CheckinListsSection({ event }: { event: Event }) {
  const listsQuery = useCheckinLists(event.id);
  return (
    <section aria-labelledby="checkin-lists-heading" className="flex flex-col gap-4">
      <div>
        <h2 id="checkin-lists-heading" className="text-lg font-semibold">
          Check-in lists
        </h2>
        <p className="text-sm text-slate-600">
          Entry is the door of the venue. Add a list for a VIP lounge, a workshop or a second day:
          door staff pick it on the scanner, and each ticket is admitted on it once.
        </p>
      </div>
      {listsQuery.isPending ? (
        <Spinner label="Loading check-in lists" />
      ) : listsQuery.isError ? (
        <Alert title="Check-in lists could not be loaded">{listsQuery.error.detail}</Alert>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200">
          {listsQuery.data.map((list) => (
            <ListRow key={list.id} event={event} list={list} />
          ))}
        </ul>
      )}
      <h3 className="font-medium">Add a list</h3>
      <AddListForm event={event} />
    </section>
  );
}
