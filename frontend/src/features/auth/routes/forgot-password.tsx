import { Link } from 'react-router';

import { useRequestPasswordReset } from '@/features/auth/api/request-password-reset';
import { Alert } from '@/components/ui/alert';
import { Card } from '@/components/ui/card';
import { EmailField, Form, SubmitButton } from '@/components/ui/form/form';
import { useFormValues } from '@/components/ui/form/use-form-values';
import { paths } from '@/config/paths';
import { useDocumentTitle } from '@/lib/use-document-title';

/** /forgot-password: ask for a reset link. The answer is the same for every address. */
export function ForgotPasswordRoute() {
  useDocumentTitle('Forgot password');
  const { values, bind } = useFormValues({ email: '' });
  const email = values.email.trim();
  const resetMutation = useRequestPasswordReset();

  return (
    <Card className="mx-auto w-full max-w-md">
      <h1 className="text-2xl font-semibold tracking-tight">Forgot your password?</h1>
      {resetMutation.isSuccess ? (
        <Alert tone="success" className="mt-6" title="Check your e-mail">
          If an account uses {email}, we have sent it a link to choose a new password. The link
          works for an hour.
        </Alert>
      ) : (
        <>
          <p className="mt-1 mb-6 text-sm text-slate-600">
            Enter the e-mail address of your account and we will send you a link to choose a new
            password.
          </p>
          <Form
            error={resetMutation.error}
            fields={['email']}
            onSubmit={() => {
              resetMutation.mutate({ email });
            }}
          >
            <EmailField {...bind('email')} />
            <SubmitButton
              pending={resetMutation.isPending}
              pendingLabel="Sending…"
              disabled={!email}
            >
              Send reset link
            </SubmitButton>
          </Form>
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
