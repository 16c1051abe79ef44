import { useState, type SubmitEvent } from 'react';
import { Link } from 'react-router';

import { useLogin } from '@/features/auth/api/login';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
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
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const loginMutation = useLogin();
  const error = loginMutation.error;
  const alert = error ? alertFor(error) : null;

  function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    loginMutation.mutate({ email, password }, { onSuccess });
  }

  return (
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
      <Field
        label="Password"
        type="password"
        name="password"
        autoComplete="current-password"
        required
        value={password}
        onChange={(e) => {
          setPassword(e.target.value);
        }}
        error={error?.fieldError('password')}
      />
      <Button type="submit" disabled={loginMutation.isPending}>
        {loginMutation.isPending ? 'Signing in…' : 'Sign in'}
      </Button>
      <Link
        to={paths.forgotPassword}
        className="self-start text-sm font-medium text-indigo-700 hover:underline"
      >
        Forgot password?
      </Link>
    </form>
  );
}
