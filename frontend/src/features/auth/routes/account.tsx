import type { ReactNode } from 'react';
import { useNavigate } from 'react-router';

import { useChangePassword } from '@/features/auth/api/change-password';
import { useDeleteAccount } from '@/features/auth/api/delete-account';
import { useLogoutAll } from '@/features/auth/api/logout-all';
import { useUpdateMe } from '@/features/auth/api/update-me';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Form, FormField, PasswordField, SubmitButton } from '@/components/ui/form/form';
import { useFormValues } from '@/components/ui/form/use-form-values';
import { paths } from '@/config/paths';
import { useAuth } from '@/lib/auth/context';
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
  const { values, bind } = useFormValues({ name: user.name });
  const updateMutation = useUpdateMe();
  const name = values.name.trim();

  return (
    <Form
      className="flex flex-col gap-3"
      error={updateMutation.error}
      fields={['name']}
      onSubmit={() => {
        updateMutation.mutate({ name });
      }}
    >
      {updateMutation.isSuccess && <Alert tone="success">Your name is saved.</Alert>}
      <FormField label="Name" autoComplete="name" required {...bind('name')} />
      <SubmitButton
        variant="secondary"
        pending={updateMutation.isPending}
        pendingLabel="Saving…"
        disabled={!name || name === user.name}
      >
        Save name
      </SubmitButton>
    </Form>
  );
}

function PasswordForm() {
  const { values, bind, reset } = useFormValues({ current_password: '', new_password: '' });
  const changeMutation = useChangePassword();

  return (
    <Form
      className="flex flex-col gap-3"
      error={changeMutation.error}
      fields={['current_password', 'new_password']}
      onSubmit={() => {
        changeMutation.mutate(values, { onSuccess: reset });
      }}
    >
      {changeMutation.isSuccess && (
        <Alert tone="success">
          Password changed. Every other device that was signed in has been signed out.
        </Alert>
      )}
      <PasswordField
        label="Current password"
        autoComplete="current-password"
        {...bind('current_password')}
      />
      <PasswordField label="New password" autoComplete="new-password" {...bind('new_password')} />
      <SubmitButton
        variant="secondary"
        pending={changeMutation.isPending}
        pendingLabel="Changing…"
        disabled={!values.current_password || !values.new_password}
      >
        Change password
      </SubmitButton>
    </Form>
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
  const { values, bind } = useFormValues({ delete_password: '' });
  const deleteMutation = useDeleteAccount({
    onSuccess: () => void navigate(paths.home, { replace: true }),
  });

  return (
    <Form
      className="flex flex-col gap-3"
      error={deleteMutation.error}
      fields={['password']}
      intro={
        <p className="text-sm text-slate-600">
          Your name and e-mail address are erased and you can no longer sign in. Tickets for events
          that have not started are cancelled (and refunded); past bookings stay in the organizers’
          books without your name. Organizers first cancel or finish their upcoming events.
        </p>
      }
      onSubmit={() => {
        deleteMutation.mutate({ password: values.delete_password });
      }}
    >
      <PasswordField
        label="Your password, to confirm"
        autoComplete="current-password"
        errorField="password"
        {...bind('delete_password')}
      />
      <SubmitButton
        variant="danger"
        pending={deleteMutation.isPending}
        pendingLabel="Deleting…"
        disabled={!values.delete_password}
      >
        Delete my account
      </SubmitButton>
    </Form>
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
