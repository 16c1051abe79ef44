import { Link, useSearchParams } from 'react-router';

import { useConfirmPasswordReset } from '@/features/auth/api/confirm-password-reset';
import { Alert } from '@/components/ui/alert';
import { Card } from '@/components/ui/card';
import { Form, PasswordField, SubmitButton } from '@/components/ui/form/form';
import { useFormValues } from '@/components/ui/form/use-form-values';
import { paths } from '@/config/paths';
import { useDocumentTitle } from '@/lib/use-document-title';

/** /reset-password?uid=..&token=..: the link of the reset e-mail. */
export function ResetPasswordRoute() {
  useDocumentTitle('Choose a new password');
  const [searchParams] = useSearchParams();
  const uid = searchParams.get('uid') ?? '';
  const token = searchParams.get('token') ?? '';
  const { values, bind } = useFormValues({ new_password: '' });
  const confirmMutation = useConfirmPasswordReset();
  const error = confirmMutation.error;

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
        <Form
          className="mt-6 flex flex-col gap-4"
          error={error}
          fields={['new_password']}
          onSubmit={() => {
            confirmMutation.mutate({ uid, token, ...values });
          }}
        >
          <PasswordField
            label="New password"
            autoComplete="new-password"
            hint="At least 8 characters, not only digits, not a common password."
            {...bind('new_password')}
          />
          <SubmitButton
            pending={confirmMutation.isPending}
            pendingLabel="Saving…"
            disabled={!values.new_password}
          >
            Set new password
          </SubmitButton>
        </Form>
      )}
    </Card>
  );
}
