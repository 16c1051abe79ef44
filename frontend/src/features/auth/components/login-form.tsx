import { Link } from 'react-router';

import { useLogin } from '@/features/auth/api/login';
import { EmailField, Form, PasswordField, SubmitButton } from '@/components/ui/form/form';
import { useFormValues } from '@/components/ui/form/use-form-values';
import { paths } from '@/config/paths';
import { formAlertMessage, type ApiError } from '@/lib/errors';

const FIELDS = ['email', 'password'] as const;

function alertFor(error: ApiError): string | null {
  switch (error.code) {
    case 'invalid_credentials':
      return 'Wrong email or password.';
    case 'throttled':
      // The server's detail says when to try again.
      return error.detail;
    default:
      return formAlertMessage(error, FIELDS);
  }
}

export function LoginForm({ onSuccess }: { onSuccess: () => void }) {
  const { values, bind } = useFormValues({ email: '', password: '' });
  const loginMutation = useLogin();

  return (
    <Form
      error={loginMutation.error}
      fields={FIELDS}
      alertFor={alertFor}
      onSubmit={() => {
        loginMutation.mutate(values, { onSuccess });
      }}
    >
      <EmailField {...bind('email')} />
      <PasswordField label="Password" autoComplete="current-password" {...bind('password')} />
      <SubmitButton pending={loginMutation.isPending} pendingLabel="Signing in…">
        Sign in
      </SubmitButton>
      <Link
        to={paths.forgotPassword}
        className="self-start text-sm font-medium text-indigo-700 hover:underline"
      >
        Forgot password?
      </Link>
    </Form>
  );
}
