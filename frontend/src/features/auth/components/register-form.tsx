import { useState, type SubmitEvent } from 'react';

import { useRegister } from '@/features/auth/api/register';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { cn } from '@/lib/cn';
import { formAlertMessage } from '@/lib/errors';
import type { RegisterRole } from '@/types/api';

const FIELDS = ['name', 'email', 'password', 'role'] as const;

const ROLE_OPTIONS: { value: RegisterRole; label: string; hint: string }[] = [
  { value: 'attendee', label: 'Attend events', hint: 'Book tickets and carry them on your phone.' },
  {
    value: 'organizer',
    label: 'Organize events',
    hint: 'Create events and check people in at the door.',
  },
];

export function RegisterForm({ onSuccess }: { onSuccess: () => void }) {
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<RegisterRole>('attendee');
  const registerMutation = useRegister();
  const error = registerMutation.error;
  const alert = error ? formAlertMessage(error, FIELDS) : null;
  const roleError = error?.fieldError('role');

  function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    registerMutation.mutate({ name, email, password, role }, { onSuccess });
  }

  return (
    <form onSubmit={handleSubmit} noValidate className="flex flex-col gap-4">
      {alert && <Alert>{alert}</Alert>}
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
        autoComplete="new-password"
        required
        value={password}
        onChange={(e) => {
          setPassword(e.target.value);
        }}
        error={error?.fieldError('password')}
      />
      <fieldset
        className="flex flex-col gap-2"
        aria-describedby={roleError ? 'register-role-error' : undefined}
      >
        <legend className="mb-1.5 text-sm font-medium text-slate-800">I want to</legend>
        {ROLE_OPTIONS.map((option) => (
          <label
            key={option.value}
            className={cn(
              'flex min-h-11 cursor-pointer items-start gap-3 rounded-lg border p-3',
              role === option.value ? 'border-indigo-600 bg-indigo-50' : 'border-slate-300',
            )}
          >
            <input
              type="radio"
              name="role"
              value={option.value}
              checked={role === option.value}
              onChange={() => {
                setRole(option.value);
              }}
              aria-labelledby={`register-role-${option.value}-label`}
              aria-describedby={`register-role-${option.value}-hint`}
              className="mt-1 size-4 accent-indigo-600"
            />
            <span>
              <span
                id={`register-role-${option.value}-label`}
                className="block text-sm font-semibold"
              >
                {option.label}
              </span>
              <span
                id={`register-role-${option.value}-hint`}
                className="block text-xs text-slate-600"
              >
                {option.hint}
              </span>
            </span>
          </label>
        ))}
        {roleError && (
          <p id="register-role-error" className="text-sm text-red-700">
            {roleError}
          </p>
        )}
      </fieldset>
      <Button type="submit" disabled={registerMutation.isPending}>
        {registerMutation.isPending ? 'Creating account…' : 'Create account'}
      </Button>
    </form>
  );
}
