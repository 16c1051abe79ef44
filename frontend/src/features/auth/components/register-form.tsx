import { useState } from 'react';

import { useRegister } from '@/features/auth/api/register';
import {
  EmailField,
  Form,
  FormField,
  PasswordField,
  SubmitButton,
} from '@/components/ui/form/form';
import { useFormValues } from '@/components/ui/form/use-form-values';
import { cn } from '@/lib/cn';
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
  const { values, bind } = useFormValues({ name: '', email: '', password: '' });
  const [role, setRole] = useState<RegisterRole>('attendee');
  const registerMutation = useRegister();
  const roleError = registerMutation.error?.fieldError('role');

  return (
    <Form
      error={registerMutation.error}
      fields={FIELDS}
      onSubmit={() => {
        registerMutation.mutate({ ...values, role }, { onSuccess });
      }}
    >
      <FormField label="Name" autoComplete="name" required {...bind('name')} />
      <EmailField {...bind('email')} />
      <PasswordField label="Password" autoComplete="new-password" {...bind('password')} />
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
      <SubmitButton pending={registerMutation.isPending} pendingLabel="Creating account…">
        Create account
      </SubmitButton>
    </Form>
  );
}
