import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type MockAdapter from 'axios-mock-adapter';

import { AcceptInvitationRoute } from '@/features/auth/routes/accept-invitation';
import {
  apiError,
  authValue,
  makeLoginResponse,
  makeUser,
  mockApi,
  renderWithProviders,
} from '@/testing/test-utils';
import type { Invitation } from '@/types/api';

const INVITATION: Invitation = {
  email: 'door@example.com',
  event: 31,
  event_title: 'Neon Nights',
  event_starts_at: '2099-01-01T20:00:00+00:00',
  account_exists: false,
};
const ROUTE = { route: '/invitations/accept?token=tok', path: '/invitations/accept' };

describe('AcceptInvitationRoute', () => {
  let mock: MockAdapter;
  beforeEach(() => {
    mock = mockApi();
  });
  afterEach(() => {
    mock.restore();
  });

  it('creates the account, accepts, signs in and opens the scanner', async () => {
    mock.onPost('/auth/invitations/').reply(200, INVITATION);
    mock.onPost('/auth/invitations/accept/').reply(200, {
      email: INVITATION.email,
      event: 31,
      event_title: 'Neon Nights',
      status: 'accepted',
      account_created: true,
    });
    const me = makeUser('attendee', { email: INVITATION.email });
    mock.onPost('/auth/login/').reply(200, makeLoginResponse(me));
    const { auth } = renderWithProviders(<AcceptInvitationRoute />, ROUTE);
    const user = userEvent.setup();

    expect(await screen.findByText('Neon Nights')).toBeInTheDocument();
    await user.type(screen.getByLabelText('Your name'), 'Door Person');
    await user.type(screen.getByLabelText('Password'), 'a-long-pass-phrase');
    await user.click(screen.getByRole('button', { name: 'Create account and accept' }));

    await vi.waitFor(() => {
      expect(screen.getByTestId('location')).toHaveTextContent(/^\/scan$/);
    });
    expect(JSON.parse(mock.history.post[1]!.data as string)).toEqual({
      token: 'tok',
      name: 'Door Person',
      password: 'a-long-pass-phrase',
    });
    expect(auth.signIn).toHaveBeenCalledWith('acc', me);
  });

  it('sends someone with an account to sign in first', async () => {
    mock.onPost('/auth/invitations/').reply(200, { ...INVITATION, account_exists: true });
    renderWithProviders(<AcceptInvitationRoute />, ROUTE);
    const link = await screen.findByRole('link', { name: /Sign in as door@example.com/ });
    expect(link).toHaveAttribute(
      'href',
      `/login?next=${encodeURIComponent('/invitations/accept?token=tok')}`,
    );
  });

  it('accepts for the signed-in invitee and says when the account is another one', async () => {
    mock.onPost('/auth/invitations/').reply(200, { ...INVITATION, account_exists: true });
    mock.onPost('/auth/invitations/accept/').reply(200, {});
    const other = makeUser('attendee', { email: 'someone@example.com' });
    const { unmount } = renderWithProviders(<AcceptInvitationRoute />, {
      ...ROUTE,
      auth: authValue(other),
    });
    expect(await screen.findByText('This invitation is for another address')).toBeInTheDocument();
    unmount();

    const invitee = makeUser('attendee', { email: INVITATION.email });
    renderWithProviders(<AcceptInvitationRoute />, { ...ROUTE, auth: authValue(invitee) });
    await userEvent
      .setup()
      .click(await screen.findByRole('button', { name: 'Accept and start scanning' }));
    await vi.waitFor(() => {
      expect(screen.getByTestId('location')).toHaveTextContent(/^\/scan$/);
    });
  });

  it('explains a dead link', async () => {
    mock.onPost('/auth/invitations/').reply(400, apiError('invalid_token', 'Invalid.'));
    renderWithProviders(<AcceptInvitationRoute />, ROUTE);
    expect(await screen.findByText('This invitation does not work')).toBeInTheDocument();
  });
});
