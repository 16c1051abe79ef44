/**
 * The form kit: a form that shows its request's error (field messages under their fields,
 * the rest in one alert above), fields that find their own message, and a submit button
 * that says when it is busy. Every form of the app can be written with these few parts.
 */
import type { FormHTMLAttributes, ReactNode } from 'react';

import { Alert } from '@/components/ui/alert';
import { Button, type ButtonProps } from '@/components/ui/button';
import { Field, type FieldProps } from '@/components/ui/field';
import { FormErrorContext, useFormError } from '@/components/ui/form/form-context';
import { formAlertMessage, type ApiError } from '@/lib/errors';

interface FormProps extends Omit<FormHTMLAttributes<HTMLFormElement>, 'onSubmit'> {
  /** The last request's error, or null. */
  error: ApiError | null;
  /** The API fields this form shows; a message about any other goes into the alert. */
  fields: readonly string[];
  /** The alert's text for an error (default: formAlertMessage). */
  alertFor?: (error: ApiError) => string | null;
  /** What the form says before the alert (who it is for, what it does). */
  intro?: ReactNode;
  onSubmit: () => void;
}

export function Form({
  error,
  fields,
  alertFor,
  intro,
  onSubmit,
  className = 'flex flex-col gap-4',
  children,
  ...props
}: FormProps) {
  const alert = error ? (alertFor ? alertFor(error) : formAlertMessage(error, fields)) : null;
  return (
    <FormErrorContext value={error}>
      <form
        {...props}
        noValidate
        className={className}
        onSubmit={(event) => {
          event.preventDefault();
          onSubmit();
        }}
      >
        {intro}
        {alert && <Alert>{alert}</Alert>}
        {children}
      </form>
    </FormErrorContext>
  );
}

interface FormFieldProps extends FieldProps {
  name: string;
  /** The API field whose message this input shows, when it is not the input's name. */
  errorField?: string;
}

/** A labelled input showing the server's message for its field. */
export function FormField({ errorField, ...props }: FormFieldProps) {
  const error = useFormError();
  return <Field {...props} error={error?.fieldError(errorField ?? props.name)} />;
}

/** An e-mail address input, as every form asks for one. */
export function EmailField({
  label = 'Email',
  ...props
}: Omit<FormFieldProps, 'label'> & {
  label?: string;
}) {
  return (
    <FormField
      label={label}
      type="email"
      autoComplete="email"
      inputMode="email"
      required
      {...props}
    />
  );
}

/** A password input; `autoComplete` tells a password manager which one it is. */
export function PasswordField(
  props: FormFieldProps & { autoComplete: 'current-password' | 'new-password' },
) {
  return <FormField type="password" required {...props} />;
}

/** The form's submit button: disabled and saying so while the request runs. */
export function SubmitButton({
  pending,
  pendingLabel,
  disabled,
  children,
  ...props
}: Omit<ButtonProps, 'type'> & { pending: boolean; pendingLabel: string }) {
  return (
    <Button {...props} type="submit" disabled={pending || disabled}>
      {pending ? pendingLabel : children}
    </Button>
  );
}
