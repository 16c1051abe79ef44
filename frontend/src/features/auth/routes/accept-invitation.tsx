import { useState, type SubmitEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';

import { useAcceptInvitation } from '@/features/auth/api/accept-invitation';
import { useInvitation } from '@/features/auth/api/get-invitation';
import { useLogin } from '@/features/auth/api/login';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Field } from '@/components/ui/field';
import { Spinner } from '@/components/ui/spinner';
import { paths } from '@/config/paths';
import { useAuth } from '@/lib/auth/context';
import { formAlertMessage } from '@/lib/errors';
import { useDocumentTitle } from '@/lib/use-document-title';
import type { Invitation } from '@/types/api';

function CreateAccountAndAccept({ token, invitation }: { token: string; invitation: Invitation }) {
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const acceptMutation = useAcceptInvitation();
  const loginMutation = useLogin();
  const error = acceptMutation.error ?? loginMutation.error;
  const alert = error ? formAlertMessage(error, ['name', 'password']) : null;

  function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    acceptMutation.mutate(
      { token, name: name.trim(), password },
      {
        onSuccess: () => {
          loginMutation.mutate(
            { email: invitation.email, password },
            { onSuccess: () => void navigate(paths.scan, { replace: true }) },
          );
        },
      },
    );
  }

  const busy = acceptMutation.isPending || loginMutation.isPending;
  return (
    <form onSubmit={handleSubmit} noValidate className="mt-6 flex flex-col gap-4">
      <p className="text-sm text-slate-600">
        Create your account for <strong>{invitation.email}</strong> to accept.
      </p>
      {alert && <Alert>{alert}</Alert>}
      <Field
        label="Your name"
        name="name"
        autoComplete="name"
        required
        value={name}
        onChange={(e) => {
          setName(e.target.value);
        }}
        error={error?.fieldError('name')}
      />
      <Field
        label="Password"
        type="password"
        name="password"
        autoComplete="new-password"
        required
        value={password}
        onChange={(e) => {
          setPassword(e.target.value);
        }}
        error={error?.fieldError('password')}
      />
      <Button type="submit" disabled={busy || !name.trim() || !password}>
        {busy ? 'Accepting…' : 'Create account and accept'}
      </Button>
    </form>
  );
}

function AcceptSignedIn({ token, invitation }: { token: string; invitation: Invitation }) {
  const navigate = useNavigate();
  const { user } = useAuth();
  const acceptMutation = useAcceptInvitation();
  if (!user) return null;
  if (user.email !== invitation.email) {
    return (
      <Alert className="mt-6" title="This invitation is for another address">
        You are signed in as {user.email}, but the invitation is for {invitation.email}. Sign out
        and sign in with that address to accept it.
      </Alert>
    );
  }
  return (
    <div className="mt-6 flex flex-col gap-4">
      {acceptMutation.error && <Alert>{acceptMutation.error.detail}</Alert>}
      <Button
        disabled={acceptMutation.isPending}
        onClick={() => {
          acceptMutation.mutate(
            { token },
            { onSuccess: () => void navigate(paths.scan, { replace: true }) },
          );
        }}
      >
        {acceptMutation.isPending ? 'Accepting…' : 'Accept and start scanning'}
      </Button>
    </div>
  );
}

/** /invitations/accept?token=..: the link of a door staff invitation e-mail. */
export function AcceptInvitationRoute() {
  useDocumentTitle('Door staff invitation');
  const [searchParams] = useSearchParams();
  const token = searchParams.get('token') ?? '';
  const { user } = useAuth();
  const invitationQuery = useInvitation(token);
  const here = `${paths.acceptInvitation}?token=${encodeURIComponent(token)}`;

  let body;
  if (invitationQuery.isPending) {
    body = <Spinner label="Loading the invitation" />;
  } else if (invitationQuery.isError) {
    body = (
      <Alert title="This invitation does not work">
        It may have been withdrawn, accepted already or be older than a week. Ask the organizer to
        invite you again.
      </Alert>
    );
  } else {
    const invitation = invitationQuery.data;
    body = (
      <>
        <p className="text-slate-700">
          You are invited to check tickets at the door of <strong>{invitation.event_title}</strong>.
        </p>
        {user ? (
          <AcceptSignedIn token={token} invitation={invitation} />
        ) : invitation.account_exists ? (
          <Link
            to={paths.loginWithNext(here)}
            className="mt-6 inline-block font-medium text-indigo-700 hover:underline"
          >
            Sign in as {invitation.email} to accept
          </Link>
        ) : (
          <CreateAccountAndAccept token={token} invitation={invitation} />
        )}
      </>
    );
  }

  return (
    <Card className="mx-auto w-full max-w-md">
      <h1 className="mb-4 text-2xl font-semibold tracking-tight">Door staff invitation</h1>
      {body}
    </Card>
  );
}
