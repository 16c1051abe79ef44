import { useState, type SubmitEvent } from 'react';

import { useEventMessages } from '@/features/events/api/get-event-messages';
import { useSendEventMessage } from '@/features/events/api/send-event-message';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Spinner } from '@/components/ui/spinner';
import { TextareaField } from '@/components/ui/textarea-field';
import { formAlertMessage } from '@/lib/errors';
import { formatEventDateTime } from '@/lib/event-time';
import type { Event } from '@/types/api';

/** Write to every holder of a valid ticket, and see what was sent. */
export function MessagesSection({ event }: { event: Event }) {
  const messagesQuery = useEventMessages(event.id);
  const sendMutation = useSendEventMessage();
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const error = sendMutation.error;
  const alert =
    error?.code === 'event_not_published'
      ? 'Only a published event has ticket holders to write to.'
      : error
        ? formAlertMessage(error, ['subject', 'body'])
        : null;

  function handleSubmit(formEvent: SubmitEvent<HTMLFormElement>) {
    formEvent.preventDefault();
    sendMutation.mutate(
      { event: event.id, subject: subject.trim(), body: body.trim() },
      {
        onSuccess: () => {
          setSubject('');
          setBody('');
        },
      },
    );
  }

  const messages = messagesQuery.data ?? [];
  return (
    <section aria-labelledby="messages-heading" className="flex flex-col gap-3">
      <h2 id="messages-heading" className="text-lg font-semibold">
        Message ticket holders
      </h2>
      <p className="text-sm text-slate-600">
        An e-mail to everyone holding a valid ticket ({event.sold} sold).
      </p>
      <form onSubmit={handleSubmit} noValidate className="flex flex-col gap-3">
        {alert && <Alert>{alert}</Alert>}
        {sendMutation.isSuccess && (
          <Alert tone="success">
            Sent to {sendMutation.data.recipients}{' '}
            {sendMutation.data.recipients === 1 ? 'booking' : 'bookings'}.
          </Alert>
        )}
        <Field
          label="Subject"
          name="subject"
          required
          maxLength={200}
          value={subject}
          onChange={(e) => {
            setSubject(e.target.value);
          }}
          error={error?.fieldError('subject')}
        />
        <TextareaField
          label="Message"
          name="body"
          required
          value={body}
          onChange={(e) => {
            setBody(e.target.value);
          }}
          error={error?.fieldError('body')}
        />
        <Button type="submit" className="sm:self-start" disabled={sendMutation.isPending}>
          {sendMutation.isPending ? 'Sending…' : 'Send to ticket holders'}
        </Button>
      </form>
      <h3 className="font-semibold">Sent</h3>
      {messagesQuery.isPending ? (
        <Spinner label="Loading messages" />
      ) : messagesQuery.isError ? (
        <Alert>{messagesQuery.error.detail}</Alert>
      ) : messages.length === 0 ? (
        <p className="text-sm text-slate-600">Nothing sent yet.</p>
      ) : (
        <ul className="flex flex-col divide-y divide-slate-200 rounded-lg border border-slate-200">
          {messages.map((message) => (
            <li key={message.id} className="flex flex-col gap-1 p-3">
              <p className="font-medium">{message.subject}</p>
              <p className="text-xs text-slate-500">
                <time dateTime={message.created_at}>
                  {formatEventDateTime(message.created_at, event.timezone)}
                </time>{' '}
                · to {message.recipients} {message.recipients === 1 ? 'booking' : 'bookings'} ·{' '}
                {message.sender}
              </p>
              <p className="text-sm whitespace-pre-line text-slate-700">{message.body}</p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
