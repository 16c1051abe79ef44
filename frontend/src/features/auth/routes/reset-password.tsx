import { useState, type SubmitEvent } from 'react';
import { Link, useSearchParams } from 'react-router';

import { useConfirmPasswordReset } from '@/features/auth/api/confirm-password-reset';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Field } from '@/components/ui/field';
import { paths } from '@/config/paths';
import { formAlertMessage } from '@/lib/errors';
import { useDocumentTitle } from '@/lib/use-document-title';

/** /reset-password?uid=..&token=..: the link of the reset e-mail. */
export function ResetPasswordRoute() {
  useDocumentTitle('Choose a new password');
  const [searchParams] = useSearchParams();
  const uid = searchParams.get('uid') ?? '';
  const token = searchParams.get('token') ?? '';
  const [password, setPassword] = useState('');
  const confirmMutation = useConfirmPasswordReset();
  const error = confirmMutation.error;

  function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    confirmMutation.mutate({ uid, token, new_password: password });
  }

  if (confirmMutation.isSuccess) {
    return (
      <Card className="mx-auto w-full max-w-md">
        <h1 className="text-2xl font-semibold tracking-tight">Password changed</h1>
        <Alert tone="success" className="mt-6">
          Your new password is set, and every device that was signed in has been signed out.
        </Alert>
        <Link
          to={paths.login}
          className="mt-6 inline-block font-medium text-indigo-700 hover:underline"
        >
          Sign in with your new password
        </Link>
      </Card>
    );
  }

  const linkDead = error?.code === 'invalid_token' || !uid || !token;
  return (
    <Card className="mx-auto w-full max-w-md">
      <h1 className="text-2xl font-semibold tracking-tight">Choose a new password</h1>
      {linkDead ? (
        <>
          <Alert className="mt-6" title="This link does not work">
            It may be incomplete, used already or older than an hour.
          </Alert>
          <Link
            to={paths.forgotPassword}
            className="mt-6 inline-block font-medium text-indigo-700 hover:underline"
          >
            Ask for a new link
          </Link>
        </>
      ) : (
        <form onSubmit={handleSubmit} noValidate className="mt-6 flex flex-col gap-4">
          {error && formAlertMessage(error, ['new_password']) && (
            <Alert>{formAlertMessage(error, ['new_password'])}</Alert>
          )}
          <Field
            label="New password"
            type="password"
            name="new_password"
            autoComplete="new-password"
            required
            hint="At least 8 characters, not only digits, not a common password."
            value={password}
            onChange={(e) => {
              setPassword(e.target.value);
            }}
            error={error?.fieldError('new_password')}
          />
          <Button type="submit" disabled={confirmMutation.isPending || !password}>
            {confirmMutation.isPending ? 'Saving…' : 'Set new password'}
          </Button>
        </form>
      )}
    </Card>
  );
}
