import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type MockAdapter from 'axios-mock-adapter';

import { LoginForm } from '@/features/auth/components/login-form';
import {
  apiError,
  makeLoginResponse,
  makeUser,
  mockApi,
  renderWithProviders,
} from '@/testing/test-utils';

async function fillAndSubmit() {
  const user = userEvent.setup();
  await user.type(screen.getByLabelText('Email'), 'ada@example.com');
  await user.type(screen.getByLabelText('Password'), 'correct horse');
  await user.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('LoginForm', () => {
  let mock: MockAdapter;
  beforeEach(() => {
    mock = mockApi();
  });
  afterEach(() => {
    mock.restore();
  });

  it('signs in and reports success', async () => {
    const me = makeUser('organizer');
    mock.onPost('/auth/login/').reply(200, makeLoginResponse(me));
    const onSuccess = vi.fn();
    const { auth } = renderWithProviders(<LoginForm onSuccess={onSuccess} />);

    await fillAndSubmit();

    await vi.waitFor(() => {
      expect(onSuccess).toHaveBeenCalled();
    });
    expect(auth.signIn).toHaveBeenCalledWith('acc', me);
    expect(JSON.parse(mock.history.post[0]!.data as string)).toEqual({
      email: 'ada@example.com',
      password: 'correct horse',
    });
  });

  it('shows validation errors under the matching fields', async () => {
    mock.onPost('/auth/login/').reply(
      400,
      apiError('validation_error', 'Some fields are invalid.', {
        email: ['Enter a valid email address.'],
        password: ['This field is required.'],
      }),
    );
    renderWithProviders(<LoginForm onSuccess={vi.fn()} />);

    await fillAndSubmit();

    expect(await screen.findByText('Enter a valid email address.')).toBeInTheDocument();
    expect(screen.getByLabelText('Email')).toHaveAccessibleDescription(
      'Enter a valid email address.',
    );
    expect(screen.getByLabelText('Email')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Password')).toHaveAccessibleDescription(
      'This field is required.',
    );
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('shows a top-level alert for invalid_credentials', async () => {
    mock
      .onPost('/auth/login/')
      .reply(401, apiError('invalid_credentials', 'No active account found.'));
    renderWithProviders(<LoginForm onSuccess={vi.fn()} />);

    await fillAndSubmit();

    expect(await screen.findByRole('alert')).toHaveTextContent('Wrong email or password.');
    expect(mock.history.post.filter((r) => r.url === '/auth/refresh/')).toHaveLength(0);
  });

  it('shows the retry hint for throttled', async () => {
    mock
      .onPost('/auth/login/')
      .reply(429, apiError('throttled', 'Too many attempts. Try again in 42 seconds.'));
    renderWithProviders(<LoginForm onSuccess={vi.fn()} />);

    await fillAndSubmit();

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Too many attempts. Try again in 42 seconds.',
    );
  });

  it('disables the submit button while the request is pending', async () => {
    mock.onPost('/auth/login/').reply(() => new Promise(() => undefined));
    renderWithProviders(<LoginForm onSuccess={vi.fn()} />);

    await fillAndSubmit();

    expect(await screen.findByRole('button', { name: /signing in/i })).toBeDisabled();
  });
});
