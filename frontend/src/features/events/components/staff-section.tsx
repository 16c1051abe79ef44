import { useState, type SubmitEvent } from 'react';

import { useAddEventStaff } from '@/features/events/api/add-event-staff';
import { useEventStaff } from '@/features/events/api/get-event-staff';
import { useRemoveEventStaff } from '@/features/events/api/remove-event-staff';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Spinner } from '@/components/ui/spinner';
import { formAlertMessage } from '@/lib/errors';

function AddStaffForm({ eventId }: { eventId: number }) {
  const [email, setEmail] = useState('');
  const addMutation = useAddEventStaff(eventId);
  const error = addMutation.error;
  const alert = error ? formAlertMessage(error, ['email']) : null;

  function handleSubmit(formEvent: SubmitEvent<HTMLFormElement>) {
    formEvent.preventDefault();
    addMutation.mutate(
      { email: email.trim() },
      {
        onSuccess: () => {
          setEmail('');
        },
      },
    );
  }

  return (
    <form onSubmit={handleSubmit} noValidate className="flex flex-col gap-3">
      {alert && <Alert>{alert}</Alert>}
      {addMutation.isSuccess && (
        <Alert tone="success">
          Invitation sent to {addMutation.data.email}. They can scan tickets once they accept it.
        </Alert>
      )}
      <div className="flex flex-col gap-2 sm:flex-row sm:items-start">
        <Field
          label="Staff e-mail"
          type="email"
          name="email"
          inputMode="email"
          autoComplete="off"
          required
          className="flex-1"
          hint="We e-mail them an invitation; they can create an account when they accept."
          value={email}
          onChange={(e) => {
            setEmail(e.target.value);
          }}
          error={error?.fieldError('email')}
        />
        <Button type="submit" className="sm:mt-7" disabled={addMutation.isPending || !email.trim()}>
          {addMutation.isPending ? 'Inviting…' : 'Invite'}
        </Button>
      </div>
    </form>
  );
}

/** Who may scan tickets at the door of this event, besides its organizer. */
export function StaffSection({ eventId }: { eventId: number }) {
  const staffQuery = useEventStaff(eventId);
  const removeMutation = useRemoveEventStaff(eventId);

  return (
    <section aria-labelledby="staff-heading" className="flex flex-col gap-4">
      <div>
        <h2 id="staff-heading" className="text-lg font-semibold">
          Door staff
        </h2>
        <p className="text-sm text-slate-600">
          Door staff can scan tickets for this event from their own phone.
        </p>
      </div>
      {removeMutation.error && <Alert>{removeMutation.error.detail}</Alert>}
      {staffQuery.isPending ? (
        <Spinner label="Loading door staff" />
      ) : staffQuery.isError ? (
        <Alert title="Door staff could not be loaded">{staffQuery.error.detail}</Alert>
      ) : staffQuery.data.length === 0 ? (
        <p className="text-sm text-slate-600">No door staff yet.</p>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200">
          {staffQuery.data.map((member) => (
            <li key={member.id} className="flex items-center gap-3 px-3 py-2">
              <div className="min-w-0 flex-1">
                <p className="truncate font-medium">{member.name ?? member.email}</p>
                {member.name && <p className="truncate text-sm text-slate-600">{member.email}</p>}
              </div>
              <Badge tone={member.status === 'accepted' ? 'success' : 'neutral'}>
                {member.status === 'accepted' ? 'Can scan' : 'Invited'}
              </Badge>
              <Button
                variant="secondary"
                aria-label={`${member.status === 'accepted' ? 'Remove' : 'Withdraw invitation of'} ${member.email}`}
                disabled={removeMutation.isPending && removeMutation.variables === member.id}
                onClick={() => {
                  removeMutation.mutate(member.id);
                }}
              >
                {member.status === 'accepted' ? 'Remove' : 'Withdraw'}
              </Button>
            </li>
          ))}
        </ul>
      )}
      <AddStaffForm eventId={eventId} />
    </section>
  );
}
