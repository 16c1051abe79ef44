import { useId, useState, type SubmitEvent } from 'react';

import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { useTransferTicket } from '@/features/bookings/api/transfer-ticket';
import { formAlertMessage, type ApiError } from '@/lib/errors';
import type { Ticket } from '@/types/api';

/** What went wrong, in the holder's words; null when a field says it (or nothing did). */
function problemOf(error: ApiError): { title: string; text: string } | null {
  switch (error.code) {
    case 'transfers_closed':
      return {
        title: 'Transfers are closed',
        text: 'Tickets of this event can no longer be transferred. Contact the organizer.',
      };
    case 'already_checked_in':
      return {
        title: 'Already used at the door',
        text: 'This ticket was already checked in, so it can no longer be transferred.',
      };
    case 'ticket_not_transferable':
      return {
        title: 'Not transferable',
        text: 'Only a paid, valid ticket can be transferred.',
      };
    default: {
      const text = formAlertMessage(error, ['email', 'name']);
      return text ? { title: 'Not transferred', text } : null;
    }
  }
}

/**
 * The holder sends this ticket to someone else, in two steps: who (e-mail and name), then a
 * confirmation that the current QR code and backup code stop working. The recipient gets the
 * ticket by e-mail and under My tickets once signed in with that address.
 */
export function TransferTicket({ ticket, onDone }: { ticket: Ticket; onDone: () => void }) {
  const mutation = useTransferTicket();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [confirming, setConfirming] = useState(false);
  const headingId = useId();
  const error = mutation.error;
  const problem = error ? problemOf(error) : null;

  function handleSubmit(formEvent: SubmitEvent<HTMLFormElement>) {
    formEvent.preventDefault();
    if (!confirming) {
      mutation.reset();
      setConfirming(true);
      return;
    }
    mutation.mutate(
      { ticketId: ticket.id, email: email.trim(), name: name.trim() },
      {
        onSuccess: onDone,
        onError: () => {
          setConfirming(false);
        },
      },
    );
  }

  const who = name.trim() || 'the recipient';
  return (
    <section
      role="dialog"
      aria-labelledby={headingId}
      className="flex flex-col gap-3 rounded-lg border border-indigo-200 bg-indigo-50/40 p-3"
    >
      <h3 id={headingId} className="font-semibold text-slate-900">
        Transfer this ticket
      </h3>
      {problem && <Alert title={problem.title}>{problem.text}</Alert>}
      <form onSubmit={handleSubmit} noValidate className="flex flex-col gap-3">
        <Field
          label="Recipient's e-mail"
          type="email"
          autoComplete="off"
          required
          maxLength={254}
          value={email}
          disabled={confirming}
          error={error?.fieldError('email')}
          onChange={(e) => {
            setEmail(e.target.value);
          }}
        />
        <Field
          label="Recipient's name"
          required
          maxLength={100}
          value={name}
          disabled={confirming}
          hint="Printed on the ticket"
          error={error?.fieldError('name')}
          onChange={(e) => {
            setName(e.target.value);
          }}
        />
        {confirming && (
          <p className="text-sm text-slate-800" data-testid="transfer-confirm">
            Send this ticket to {who} ({email.trim()})? Your QR code and backup code stop working at
            once; {who} gets new ones by e-mail. This cannot be undone.
          </p>
        )}
        <div className="flex flex-wrap gap-2">
          <Button type="submit" disabled={mutation.isPending || !email.trim() || !name.trim()}>
            {mutation.isPending ? 'Transferring…' : confirming ? 'Yes, transfer' : 'Continue'}
          </Button>
          <Button
            type="button"
            variant="ghost"
            disabled={mutation.isPending}
            onClick={() => {
              if (confirming) {
                setConfirming(false);
              } else {
                onDone();
              }
            }}
          >
            {confirming ? 'Back' : 'Cancel'}
          </Button>
        </div>
      </form>
    </section>
  );
}
