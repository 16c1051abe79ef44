import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type MockAdapter from 'axios-mock-adapter';

import { RegisterForm } from '@/features/auth/components/register-form';
import {
  apiError,
  makeLoginResponse,
  makeUser,
  mockApi,
  renderWithProviders,
} from '@/testing/test-utils';

async function fillAndSubmit({ organizer = false } = {}) {
  const user = userEvent.setup();
  await user.type(screen.getByLabelText('Name'), 'Ada');
  await user.type(screen.getByLabelText('Email'), 'ada@example.com');
  await user.type(screen.getByLabelText('Password'), 'correct horse');
  if (organizer) await user.click(screen.getByRole('radio', { name: 'Organize events' }));
  await user.click(screen.getByRole('button', { name: 'Create account' }));
}

describe('RegisterForm', () => {
  let mock: MockAdapter;
  beforeEach(() => {
    mock = mockApi();
  });
  afterEach(() => {
    mock.restore();
  });

  it('defaults to attending events', () => {
    renderWithProviders(<RegisterForm onSuccess={vi.fn()} />);
    expect(screen.getByRole('radio', { name: 'Attend events' })).toBeChecked();
    expect(screen.getByRole('radio', { name: 'Organize events' })).not.toBeChecked();
  });

  it('creates the account, then signs in', async () => {
    const me = makeUser('organizer', { name: 'Ada' });
    mock.onPost('/auth/register/').reply(201, me);
    mock.onPost('/auth/login/').reply(200, makeLoginResponse(me));
    const onSuccess = vi.fn();
    const { auth } = renderWithProviders(<RegisterForm onSuccess={onSuccess} />);

    await fillAndSubmit({ organizer: true });

    await vi.waitFor(() => {
      expect(onSuccess).toHaveBeenCalled();
    });
    expect(JSON.parse(mock.history.post[0]!.data as string)).toEqual({
      name: 'Ada',
      email: 'ada@example.com',
      password: 'correct horse',
      role: 'organizer',
    });
    expect(mock.history.post[1]!.url).toBe('/auth/login/');
    expect(auth.signIn).toHaveBeenCalledWith('acc', me);
  });

  it('shows field errors next to fields and form-wide errors in an alert', async () => {
    mock.onPost('/auth/register/').reply(
      400,
      apiError('validation_error', 'Some fields are invalid.', {
        email: ['A user with this email already exists.'],
        password: ['This password is too common.'],
        name: ['Ensure this field has no more than 150 characters.'],
        non_field_errors: ['Registration is closed for maintenance.'],
      }),
    );
    renderWithProviders(<RegisterForm onSuccess={vi.fn()} />);

    await fillAndSubmit();

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Registration is closed for maintenance.',
    );
    expect(screen.getByLabelText('Email')).toHaveAccessibleDescription(
      'A user with this email already exists.',
    );
    expect(screen.getByLabelText('Password')).toHaveAccessibleDescription(
      'This password is too common.',
    );
    expect(screen.getByLabelText('Name')).toHaveAccessibleDescription(
      'Ensure this field has no more than 150 characters.',
    );
    expect(mock.history.post).toHaveLength(1);
  });

  it('says to look in the mailbox when the address already had an account', async () => {
    mock.onPost('/auth/register/').reply(201, {
      email: 'ada@example.com',
      name: 'Ada',
      role: 'attendee',
      email_verified: false,
    });
    mock
      .onPost('/auth/login/')
      .reply(401, apiError('invalid_credentials', 'E-mail or password is wrong.'));
    const onSuccess = vi.fn();
    renderWithProviders(<RegisterForm onSuccess={onSuccess} />);

    await fillAndSubmit();

    expect(await screen.findByRole('alert')).toHaveTextContent('we have sent it an e-mail');
    expect(onSuccess).not.toHaveBeenCalled();
  });

  it('shows throttled as a top-level alert', async () => {
    mock
      .onPost('/auth/register/')
      .reply(429, apiError('throttled', 'Too many attempts. Try again in 1 minute.'));
    renderWithProviders(<RegisterForm onSuccess={vi.fn()} />);

    await fillAndSubmit();

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Too many attempts. Try again in 1 minute.',
    );
  });
});
