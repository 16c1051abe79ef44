import { useState } from 'react';

import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { useEventQuestions } from '@/features/bookings/api/get-event-questions';
import { TicketHolderForm } from '@/features/bookings/components/ticket-holder-form';
import { TicketQr } from '@/features/bookings/components/ticket-qr';
import { TransferTicket } from '@/features/bookings/components/transfer-ticket';
import { answerText, ticketQuestions } from '@/features/bookings/utils/attendees';
import { canTransfer } from '@/features/bookings/utils/transfer';
import { formatEventDateTime } from '@/lib/event-time';
import { formatBackupCode } from '@/lib/format';
import type { Question, Ticket } from '@/types/api';

/** The ticket's type, large, and whose it is. */
function TicketHolder({ ticket }: { ticket: Ticket }) {
  return (
    <div className="min-w-0">
      <p className="font-semibold text-slate-900" data-testid="ticket-type-name">
        {ticket.ticket_type?.name ?? 'Ticket'}
      </p>
      <p className="text-sm text-slate-700" data-testid="ticket-holder-name">
        {ticket.attendee_name}
      </p>
    </div>
  );
}

function AnswerList({ ticket, asked }: { ticket: Ticket; asked: readonly Question[] }) {
  const given = asked.filter((q) => answerText(ticket.answers[String(q.id)]) !== '');
  if (given.length === 0) return null;
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
      {given.map((question) => (
        <div key={question.id} className="contents">
          <dt className="text-slate-600">{question.label}</dt>
          <dd className="text-slate-900">{answerText(ticket.answers[String(question.id)])}</dd>
        </div>
      ))}
    </dl>
  );
}

/** A ticket the holder transferred away: no code, only when. */
function TransferredAway({ ticket, timeZone }: { ticket: Ticket; timeZone: string }) {
  return (
    <p className="rounded-lg border border-dashed border-slate-300 bg-slate-50 px-3 py-6 text-center text-sm text-slate-600">
      You transferred this ticket
      {ticket.transferred_at && (
        <>
          {' '}
          on{' '}
          <time dateTime={ticket.transferred_at}>
            {formatEventDateTime(ticket.transferred_at, timeZone)}
          </time>
        </>
      )}
      : its old QR code and backup code no longer admit anyone.
    </p>
  );
}

/**
 * One ticket of a booking: type and holder, state, QR code, the holder's edit form, and the
 * transfer to someone else while `transfersUntil` allows it.
 */
export function TicketItem({
  ticket,
  voided,
  timeZone,
  eventId,
  editable,
  transfersUntil = null,
}: {
  ticket: Ticket;
  voided: boolean;
  timeZone: string;
  eventId: number;
  editable: boolean;
  transfersUntil?: string | null;
}) {
  if (ticket.status === 'revoked') {
    return (
      <li className="flex flex-col gap-3 rounded-lg border border-slate-200 p-2 sm:p-3">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <TicketHolder ticket={ticket} />
          <Badge tone="neutral">Transferred</Badge>
        </div>
        <TransferredAway ticket={ticket} timeZone={timeZone} />
      </li>
    );
  }
  return (
    <TicketBody
      ticket={ticket}
      voided={voided}
      timeZone={timeZone}
      eventId={eventId}
      editable={editable}
      transferable={!voided && canTransfer(ticket, transfersUntil)}
    />
  );
}

function HolderActions({
  editable,
  transferable,
  onEdit,
  onTransfer,
}: {
  editable: boolean;
  transferable: boolean;
  onEdit: () => void;
  onTransfer: () => void;
}) {
  if (!editable && !transferable) return null;
  return (
    <div className="flex flex-wrap gap-2">
      {editable && (
        <Button variant="secondary" onClick={onEdit}>
          Change name or answers
        </Button>
      )}
      {transferable && (
        <Button variant="secondary" onClick={onTransfer}>
          Transfer
        </Button>
      )}
    </div>
  );
}

function TicketBody({
  ticket,
  voided,
  timeZone,
  eventId,
  editable,
  transferable,
}: {
  ticket: Ticket;
  voided: boolean;
  timeZone: string;
  eventId: number;
  editable: boolean;
  transferable: boolean;
}) {
  const [editing, setEditing] = useState(false);
  const [transferring, setTransferring] = useState(false);
  const questions = useEventQuestions(eventId).data ?? [];
  const asked = ticket.ticket_type ? ticketQuestions(questions, ticket.ticket_type.id) : [];
  // An unpaid ticket has no code yet (null): nothing to show, nothing to screenshot.
  const unpaid = !voided && (ticket.status === 'pending' || !ticket.code || !ticket.qr_png);
  return (
    <li className="flex flex-col gap-3 rounded-lg border border-slate-200 p-2 sm:p-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <TicketHolder ticket={ticket} />
        {voided ? (
          <Badge tone="danger">Cancelled</Badge>
        ) : unpaid ? (
          <Badge tone="warning">Awaiting payment</Badge>
        ) : ticket.checked_in_at ? (
          <Badge tone="accent">Checked in</Badge>
        ) : (
          <Badge tone="success">Valid</Badge>
        )}
      </div>
      <AnswerList ticket={ticket} asked={asked} />
      {!editing && !transferring && !voided && (
        <HolderActions
          editable={editable}
          transferable={transferable}
          onEdit={() => {
            setEditing(true);
          }}
          onTransfer={() => {
            setTransferring(true);
          }}
        />
      )}
      {transferring && (
        <TransferTicket
          ticket={ticket}
          onDone={() => {
            setTransferring(false);
          }}
        />
      )}
      {editing && (
        <TicketHolderForm
          ticket={ticket}
          asked={asked}
          onDone={() => {
            setEditing(false);
          }}
        />
      )}
      {ticket.checked_in_at && (
        <p className="text-sm text-slate-600">
          Checked in{' '}
          <time dateTime={ticket.checked_in_at}>
            {formatEventDateTime(ticket.checked_in_at, timeZone)}
          </time>
        </p>
      )}
      {voided ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-slate-50 px-3 py-6 text-center text-sm text-slate-600">
          Void: this ticket was cancelled and will not get you in.
        </p>
      ) : unpaid || !ticket.qr_png ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-slate-50 px-3 py-6 text-center text-sm text-slate-600">
          The QR code appears here once your payment is confirmed.
        </p>
      ) : (
        <>
          <TicketQr url={ticket.qr_png} ticketId={ticket.id} />
          {/* Read out or typed in at the door when the QR code cannot be scanned. */}
          <p className="text-center text-sm text-slate-600">
            Backup code{' '}
            <span
              className="font-mono text-lg font-semibold tracking-widest text-slate-900"
              data-testid="backup-code"
            >
              {ticket.backup_code && formatBackupCode(ticket.backup_code)}
            </span>
          </p>
        </>
      )}
    </li>
  );
}
