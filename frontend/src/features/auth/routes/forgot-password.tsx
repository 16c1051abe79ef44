import { useState, type SubmitEvent } from 'react';
import { Link } from 'react-router';

import { useRequestPasswordReset } from '@/features/auth/api/request-password-reset';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Field } from '@/components/ui/field';
import { paths } from '@/config/paths';
import { formAlertMessage } from '@/lib/errors';
import { useDocumentTitle } from '@/lib/use-document-title';

/** /forgot-password: ask for a reset link. The answer is the same for every address. */
export function ForgotPasswordRoute() {
  useDocumentTitle('Forgot password');
  const [email, setEmail] = useState('');
  const resetMutation = useRequestPasswordReset();
  const error = resetMutation.error;
  const alert = error ? formAlertMessage(error, ['email']) : null;

  function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    resetMutation.mutate({ email: email.trim() });
  }

  return (
    <Card className="mx-auto w-full max-w-md">
      <h1 className="text-2xl font-semibold tracking-tight">Forgot your password?</h1>
      {resetMutation.isSuccess ? (
        <Alert tone="success" className="mt-6" title="Check your e-mail">
          If an account uses {email.trim()}, we have sent it a link to choose a new password. The
          link works for an hour.
        </Alert>
      ) : (
        <>
          <p className="mt-1 mb-6 text-sm text-slate-600">
            Enter the e-mail address of your account and we will send you a link to choose a new
            password.
          </p>
          <form onSubmit={handleSubmit} noValidate className="flex flex-col gap-4">
            {alert && <Alert>{alert}</Alert>}
            <Field
              label="Email"
              type="email"
              name="email"
              autoComplete="email"
              inputMode="email"
              required
              value={email}
              onChange={(e) => {
                setEmail(e.target.value);
              }}
              error={error?.fieldError('email')}
            />
            <Button type="submit" disabled={resetMutation.isPending || !email.trim()}>
              {resetMutation.isPending ? 'Sending…' : 'Send reset link'}
            </Button>
          </form>
        </>
      )}
      <p className="mt-6 text-sm">
        <Link to={paths.login} className="font-medium text-indigo-700 hover:underline">
          Back to sign in
        </Link>
      </p>
    </Card>
  );
}
