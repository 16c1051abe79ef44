import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type MockAdapter from 'axios-mock-adapter';

import { AccountRoute } from '@/features/auth/routes/account';
import { apiError, authValue, makeUser, mockApi, renderWithProviders } from '@/testing/test-utils';

function renderAccount(user = makeUser('organizer', { name: 'Ada', email_verified: false })) {
  return renderWithProviders(<AccountRoute />, {
    auth: authValue(user),
    route: '/account',
    path: '/account',
  });
}

describe('AccountRoute', () => {
  let mock: MockAdapter;
  beforeEach(() => {
    mock = mockApi();
  });
  afterEach(() => {
    mock.restore();
  });

  it('saves a new name and updates the signed-in user', async () => {
    const renamed = makeUser('organizer', { name: 'Ada Lovelace' });
    mock.onPatch('/auth/me/').reply(200, renamed);
    const { auth } = renderAccount();
    const user = userEvent.setup();
    expect(screen.getByText(/not confirmed yet/)).toBeInTheDocument();

    await user.clear(screen.getByLabelText('Name'));
    await user.type(screen.getByLabelText('Name'), 'Ada Lovelace');
    await user.click(screen.getByRole('button', { name: 'Save name' }));

    expect(await screen.findByText('Your name is saved.')).toBeInTheDocument();
    expect(JSON.parse(mock.history.patch[0]!.data as string)).toEqual({ name: 'Ada Lovelace' });
    expect(auth.setUser).toHaveBeenCalledWith(renamed);
  });

  it('shows a wrong current password on its field and a success after a change', async () => {
    mock
      .onPost('/auth/change-password/')
      .replyOnce(
        400,
        apiError('wrong_password', 'The password is wrong.', {
          current_password: ['The password is wrong.'],
        }),
      )
      .onPost('/auth/change-password/')
      .reply(204);
    renderAccount();
    const user = userEvent.setup();

    await user.type(screen.getByLabelText('Current password'), 'not-it');
    await user.type(screen.getByLabelText('New password'), 'a-new-pass-phrase');
    await user.click(screen.getByRole('button', { name: 'Change password' }));
    await vi.waitFor(() => {
      expect(screen.getByLabelText('Current password')).toHaveAccessibleDescription(
        'The password is wrong.',
      );
    });

    await user.clear(screen.getByLabelText('Current password'));
    await user.type(screen.getByLabelText('Current password'), 'the-right-one');
    await user.click(screen.getByRole('button', { name: 'Change password' }));
    expect(await screen.findByText(/Every other device/)).toBeInTheDocument();
    expect(JSON.parse(mock.history.post[1]!.data as string)).toEqual({
      current_password: 'the-right-one',
      new_password: 'a-new-pass-phrase',
    });
  });

  it('signs out everywhere and lands on the sign-in page', async () => {
    mock.onPost('/auth/logout-all/').reply(204);
    const { auth } = renderAccount();
    await userEvent.setup().click(screen.getByRole('button', { name: 'Sign out everywhere' }));
    await vi.waitFor(() => {
      expect(screen.getByTestId('location')).toHaveTextContent(/^\/login$/);
    });
    expect(auth.clearSession).toHaveBeenCalled();
  });

  it('explains why an organizer with upcoming events cannot delete the account', async () => {
    mock
      .onDelete('/auth/me/')
      .reply(409, apiError('organizer_has_events', 'You organize upcoming events.'));
    const { auth } = renderAccount();
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Your password, to confirm'), 'secret-pass');
    await user.click(screen.getByRole('button', { name: 'Delete my account' }));
    expect(await screen.findByText('You organize upcoming events.')).toBeInTheDocument();
    expect(JSON.parse(mock.history.delete[0]!.data as string)).toEqual({
      password: 'secret-pass',
    });
    expect(auth.clearSession).not.toHaveBeenCalled();
  });

  it('deletes the account and leaves signed out', async () => {
    mock.onDelete('/auth/me/').reply(204);
    const { auth } = renderAccount();
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Your password, to confirm'), 'secret-pass');
    await user.click(screen.getByRole('button', { name: 'Delete my account' }));
    await vi.waitFor(() => {
      expect(auth.clearSession).toHaveBeenCalled();
    });
    expect(screen.getByTestId('location')).toHaveTextContent(/^\/$/);
  });
});
