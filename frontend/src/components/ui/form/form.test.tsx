import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import {
  EmailField,
  Form,
  FormField,
  PasswordField,
  SubmitButton,
} from '@/components/ui/form/form';
import { useFormValues } from '@/components/ui/form/use-form-values';
import { ApiError } from '@/lib/errors';

const validation = (fields: Record<string, string[]>) =>
  new ApiError(400, { code: 'validation_error', detail: 'Invalid input.', fields });

function Example({
  error = null,
  pending = false,
  onSubmit = vi.fn(),
  alertFor,
}: {
  error?: ApiError | null;
  pending?: boolean;
  onSubmit?: (values: { email: string; secret: string; nick: string }) => void;
  alertFor?: (error: ApiError) => string | null;
}) {
  const { values, bind, reset } = useFormValues({ email: '', secret: '', nick: 'Ada' });
  return (
    <Form
      error={error}
      fields={['email', 'password', 'nick']}
      alertFor={alertFor}
      intro={<p>Tell us who you are.</p>}
      onSubmit={() => {
        onSubmit(values);
      }}
    >
      <EmailField {...bind('email')} />
      <PasswordField
        label="Password"
        autoComplete="new-password"
        errorField="password"
        {...bind('secret')}
      />
      <FormField label="Nickname" {...bind('nick')} />
      <button type="button" onClick={reset}>
        Reset
      </button>
      <SubmitButton pending={pending} pendingLabel="Saving…">
        Save
      </SubmitButton>
    </Form>
  );
}

describe('form kit', () => {
  it('binds values by name, submits them, and puts the first ones back on reset', async () => {
    const onSubmit = vi.fn();
    const user = userEvent.setup();
    render(<Example onSubmit={onSubmit} />);
    expect(screen.getByLabelText('Email')).toHaveAttribute('name', 'email');
    expect(screen.getByLabelText('Email')).toHaveAttribute('type', 'email');
    expect(screen.getByLabelText('Password')).toHaveAttribute('type', 'password');
    expect(screen.getByLabelText('Password')).toHaveAttribute('autocomplete', 'new-password');

    await user.type(screen.getByLabelText('Email'), 'ada@example.com');
    await user.type(screen.getByLabelText('Password'), 'secret');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(onSubmit).toHaveBeenCalledWith({
      email: 'ada@example.com',
      secret: 'secret',
      nick: 'Ada',
    });

    await user.click(screen.getByRole('button', { name: 'Reset' }));
    expect(screen.getByLabelText('Email')).toHaveValue('');
    expect(screen.getByLabelText('Nickname')).toHaveValue('Ada');
  });

  it('shows each field message under its field, by name or errorField', () => {
    render(<Example error={validation({ email: ['Bad address.'], password: ['Too common.'] })} />);
    expect(screen.getByLabelText('Email')).toHaveAccessibleDescription('Bad address.');
    expect(screen.getByLabelText('Email')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Password')).toHaveAccessibleDescription('Too common.');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('says in one alert, after the intro, what no field shows', () => {
    render(<Example error={validation({ non_field_errors: ['Closed for maintenance.'] })} />);
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('Closed for maintenance.');
    expect(screen.getByText('Tell us who you are.').nextElementSibling).toBe(alert);

    const throttled = new ApiError(429, { code: 'throttled', detail: 'Try again in a minute.' });
    render(<Example error={throttled} alertFor={() => 'Slow down.'} />);
    expect(screen.getByText('Slow down.')).toBeInTheDocument();
  });

  it('disables the submit button while pending, saying so', () => {
    render(<Example pending />);
    expect(screen.getByRole('button', { name: 'Saving…' })).toBeDisabled();
  });
});
