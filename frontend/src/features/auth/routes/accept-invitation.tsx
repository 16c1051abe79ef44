import { Link, useNavigate, useSearchParams } from 'react-router';

import { useAcceptInvitation } from '@/features/auth/api/accept-invitation';
import { useInvitation } from '@/features/auth/api/get-invitation';
import { useLogin } from '@/features/auth/api/login';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Form, FormField, PasswordField, SubmitButton } from '@/components/ui/form/form';
import { useFormValues } from '@/components/ui/form/use-form-values';
import { Spinner } from '@/components/ui/spinner';
import { paths } from '@/config/paths';
import { useAuth } from '@/lib/auth/context';
import { useDocumentTitle } from '@/lib/use-document-title';
import type { Invitation } from '@/types/api';

function CreateAccountAndAccept({ token, invitation }: { token: string; invitation: Invitation }) {
  const navigate = useNavigate();
  const { values, bind } = useFormValues({ name: '', password: '' });
  const acceptMutation = useAcceptInvitation();
  const loginMutation = useLogin();
  const name = values.name.trim();
  const { password } = values;

  function accept() {
    acceptMutation.mutate(
      { token, name, password },
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
    <Form
      className="mt-6 flex flex-col gap-4"
      error={acceptMutation.error ?? loginMutation.error}
      fields={['name', 'password']}
      intro={
        <p className="text-sm text-slate-600">
          Create your account for <strong>{invitation.email}</strong> to accept.
        </p>
      }
      onSubmit={accept}
    >
      <FormField label="Your name" autoComplete="name" required {...bind('name')} />
      <PasswordField label="Password" autoComplete="new-password" {...bind('password')} />
      <SubmitButton pending={busy} pendingLabel="Accepting…" disabled={!name || !password}>
        Create account and accept
      </SubmitButton>
    </Form>
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
