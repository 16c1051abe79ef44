import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type MockAdapter from 'axios-mock-adapter';

import { LoginRoute } from '@/features/auth/routes/login';
import { RegisterRoute } from '@/features/auth/routes/register';
import {
  authValue,
  makeLoginResponse,
  makeUser,
  mockApi,
  renderWithProviders,
} from '@/testing/test-utils';

const NEXT = `?next=${encodeURIComponent('/events/5')}`;

describe('sign-up from "Sign in to book"', () => {
  let mock: MockAdapter;
  beforeEach(() => {
    mock = mockApi();
  });
  afterEach(() => {
    mock.restore();
  });

  it('keeps the event to come back to from the sign-in page', () => {
    renderWithProviders(<LoginRoute />, { route: `/login${NEXT}`, path: '/login' });
    expect(screen.getByRole('link', { name: 'Create one' })).toHaveAttribute(
      'href',
      `/register${NEXT}`,
    );
  });

  it('creates the account and returns to the event', async () => {
    const user = makeUser('attendee');
    mock.onPost('/auth/register/').reply(201, user);
    mock.onPost('/auth/login/').reply(200, makeLoginResponse(user));
    const { auth } = renderWithProviders(<RegisterRoute />, {
      route: `/register${NEXT}`,
      path: '/register',
    });
    expect(screen.getByRole('link', { name: 'Sign in' })).toHaveAttribute('href', `/login${NEXT}`);
    const typist = userEvent.setup();

    await typist.type(screen.getByLabelText('Name'), 'Nina New');
    await typist.type(screen.getByLabelText('Email'), 'nina@example.com');
    await typist.type(screen.getByLabelText('Password'), 'a-long-pass-phrase');
    await typist.click(screen.getByRole('button', { name: 'Create account' }));

    await vi.waitFor(() => {
      expect(screen.getByTestId('location')).toHaveTextContent(/^\/events\/5$/);
    });
    expect(auth.signIn).toHaveBeenCalled();
  });

  it('sends a signed-in visitor straight on to the event', () => {
    renderWithProviders(<RegisterRoute />, {
      auth: authValue(makeUser('attendee')),
      route: `/register${NEXT}`,
      path: '/register',
    });
    expect(screen.getByTestId('location')).toHaveTextContent(/^\/events\/5$/);
  });
});
