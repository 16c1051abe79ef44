import { useState, type ReactNode, type SubmitEvent } from 'react';
import { useNavigate } from 'react-router';

import { useChangePassword } from '@/features/auth/api/change-password';
import { useDeleteAccount } from '@/features/auth/api/delete-account';
import { useLogoutAll } from '@/features/auth/api/logout-all';
import { useUpdateMe } from '@/features/auth/api/update-me';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Field } from '@/components/ui/field';
import { paths } from '@/config/paths';
import { useAuth } from '@/lib/auth/context';
import { formAlertMessage } from '@/lib/errors';
import { useDocumentTitle } from '@/lib/use-document-title';
import type { Role, User } from '@/types/api';

const ROLE_LABELS: Record<Role, string> = {
  attendee: 'Attendee',
  organizer: 'Organizer',
  admin: 'Administrator',
};

function Section({ title, children }: { title: string; children: ReactNode }) {
  const id = `${title.toLowerCase().replace(/\W+/g, '-')}-heading`;
  return (
    <section aria-labelledby={id} className="flex flex-col gap-3 border-t border-slate-100 pt-6">
      <h2 id={id} className="text-lg font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

function NameForm({ user }: { user: User }) {
  const [name, setName] = useState(user.name);
  const updateMutation = useUpdateMe();
  const error = updateMutation.error;

  function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    updateMutation.mutate({ name: name.trim() });
  }

  return (
    <form onSubmit={handleSubmit} noValidate className="flex flex-col gap-3">
      {error && formAlertMessage(error, ['name']) && (
        <Alert>{formAlertMessage(error, ['name'])}</Alert>
      )}
      {updateMutation.isSuccess && <Alert tone="success">Your name is saved.</Alert>}
      <Field
        label="Name"
        name="name"
        autoComplete="name"
        required
        value={name}
        onChange={(e) => {
          setName(e.target.value);
        }}
        error={error?.fieldError('name')}
      />
      <Button
        type="submit"
        variant="secondary"
        disabled={updateMutation.isPending || !name.trim() || name.trim() === user.name}
      >
        {updateMutation.isPending ? 'Saving…' : 'Save name'}
      </Button>
    </form>
  );
}

function PasswordForm() {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const changeMutation = useChangePassword();
  const error = changeMutation.error;
  const alert = error ? formAlertMessage(error, ['current_password', 'new_password']) : null;

  function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    changeMutation.mutate(
      { current_password: current, new_password: next },
      {
        onSuccess: () => {
          setCurrent('');
          setNext('');
        },
      },
    );
  }

  return (
    <form onSubmit={handleSubmit} noValidate className="flex flex-col gap-3">
      {alert && <Alert>{alert}</Alert>}
      {changeMutation.isSuccess && (
        <Alert tone="success">
          Password changed. Every other device that was signed in has been signed out.
        </Alert>
      )}
      <Field
        label="Current password"
        type="password"
        name="current_password"
        autoComplete="current-password"
        required
        value={current}
        onChange={(e) => {
          setCurrent(e.target.value);
        }}
        error={error?.fieldError('current_password')}
      />
      <Field
        label="New password"
        type="password"
        name="new_password"
        autoComplete="new-password"
        required
        value={next}
        onChange={(e) => {
          setNext(e.target.value);
        }}
        error={error?.fieldError('new_password')}
      />
      <Button
        type="submit"
        variant="secondary"
        disabled={changeMutation.isPending || !current || !next}
      >
        {changeMutation.isPending ? 'Changing…' : 'Change password'}
      </Button>
    </form>
  );
}

function SignOutEverywhere() {
  const navigate = useNavigate();
  const logoutAllMutation = useLogoutAll({
    onSuccess: () => void navigate(paths.login, { replace: true }),
  });
  return (
    <>
      <p className="text-sm text-slate-600">
        Signs out every phone and computer signed in to this account, this one included, and closes
        their live door pages. Use it after losing a phone.
      </p>
      {logoutAllMutation.error && <Alert>{logoutAllMutation.error.detail}</Alert>}
      <Button
        variant="secondary"
        disabled={logoutAllMutation.isPending}
        onClick={() => {
          logoutAllMutation.mutate();
        }}
      >
        {logoutAllMutation.isPending ? 'Signing out…' : 'Sign out everywhere'}
      </Button>
    </>
  );
}

function DeleteAccount() {
  const navigate = useNavigate();
  const [password, setPassword] = useState('');
  const deleteMutation = useDeleteAccount({
    onSuccess: () => void navigate(paths.home, { replace: true }),
  });
  const error = deleteMutation.error;
  const alert = error ? formAlertMessage(error, ['password']) : null;

  function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    deleteMutation.mutate({ password });
  }

  return (
    <form onSubmit={handleSubmit} noValidate className="flex flex-col gap-3">
      <p className="text-sm text-slate-600">
        Your name and e-mail address are erased and you can no longer sign in. Tickets for events
        that have not started are cancelled (and refunded); past bookings stay in the organizers’
        books without your name. Organizers first cancel or finish their upcoming events.
      </p>
      {alert && <Alert>{alert}</Alert>}
      <Field
        label="Your password, to confirm"
        type="password"
        name="delete_password"
        autoComplete="current-password"
        required
        value={password}
        onChange={(e) => {
          setPassword(e.target.value);
        }}
        error={error?.fieldError('password')}
      />
      <Button type="submit" variant="danger" disabled={deleteMutation.isPending || !password}>
        {deleteMutation.isPending ? 'Deleting…' : 'Delete my account'}
      </Button>
    </form>
  );
}

export function AccountRoute() {
  useDocumentTitle('Account');
  const { user } = useAuth();
  if (!user) return null; // RequireAuth guards this route.

  return (
    <Card className="mx-auto flex w-full max-w-md flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Account</h1>
        <dl className="mt-4 divide-y divide-slate-100">
          {[
            ['Email', `${user.email}${user.email_verified ? '' : ' (not confirmed yet)'}`],
            ['Role', ROLE_LABELS[user.role]],
          ].map(([term, value]) => (
            <div key={term} className="flex flex-col gap-0.5 py-3 sm:flex-row sm:gap-4">
              <dt className="text-sm font-medium text-slate-500 sm:w-24">{term}</dt>
              <dd className="break-all text-slate-900">{value}</dd>
            </div>
          ))}
        </dl>
      </div>
      <Section title="Your name">
        <NameForm user={user} />
      </Section>
      <Section title="Password">
        <PasswordForm />
      </Section>
      <Section title="Sign out everywhere">
        <SignOutEverywhere />
      </Section>
      <Section title="Delete account">
        <DeleteAccount />
      </Section>
    </Card>
  );
}
