import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type MockAdapter from 'axios-mock-adapter';

import { ForgotPasswordRoute } from '@/features/auth/routes/forgot-password';
import { ResetPasswordRoute } from '@/features/auth/routes/reset-password';
import { apiError, mockApi, renderWithProviders } from '@/testing/test-utils';

describe('password reset pages', () => {
  let mock: MockAdapter;
  beforeEach(() => {
    mock = mockApi();
  });
  afterEach(() => {
    mock.restore();
  });

  it('asks for a link and says the same thing whatever the address', async () => {
    mock.onPost('/auth/password-reset/').reply(202);
    renderWithProviders(<ForgotPasswordRoute />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Email'), 'ada@example.com');
    await user.click(screen.getByRole('button', { name: 'Send reset link' }));
    expect(await screen.findByText(/If an account uses ada@example.com/)).toBeInTheDocument();
    expect(JSON.parse(mock.history.post[0]!.data as string)).toEqual({ email: 'ada@example.com' });
  });

  it('sets the new password from the link', async () => {
    mock.onPost('/auth/password-reset/confirm/').reply(204);
    renderWithProviders(<ResetPasswordRoute />, {
      route: '/reset-password?uid=MQ&token=abc-123',
      path: '/reset-password',
    });
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('New password'), 'a-new-pass-phrase');
    await user.click(screen.getByRole('button', { name: 'Set new password' }));
    expect(await screen.findByText(/Your new password is set/)).toBeInTheDocument();
    expect(JSON.parse(mock.history.post[0]!.data as string)).toEqual({
      uid: 'MQ',
      token: 'abc-123',
      new_password: 'a-new-pass-phrase',
    });
  });

  it('shows a weak password on the field and a dead link as such', async () => {
    mock
      .onPost('/auth/password-reset/confirm/')
      .replyOnce(
        400,
        apiError('validation_error', 'Some fields are invalid.', {
          new_password: ['This password is too common.'],
        }),
      )
      .onPost('/auth/password-reset/confirm/')
      .reply(400, apiError('invalid_token', 'This link is invalid or has expired.'));
    renderWithProviders(<ResetPasswordRoute />, {
      route: '/reset-password?uid=MQ&token=old',
      path: '/reset-password',
    });
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('New password'), 'password');
    await user.click(screen.getByRole('button', { name: 'Set new password' }));
    await vi.waitFor(() => {
      expect(screen.getByLabelText('New password')).toHaveAccessibleDescription(
        /This password is too common./,
      );
    });
    await user.type(screen.getByLabelText('New password'), '-but-longer');
    await user.click(screen.getByRole('button', { name: 'Set new password' }));
    expect(await screen.findByText('This link does not work')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Ask for a new link' })).toBeInTheDocument();
  });
});
