import { render, screen, waitFor } from '@testing-library/react';
import type MockAdapter from 'axios-mock-adapter';

import { getAccessToken, hasSessionHint, setSessionHint } from '@/lib/auth-token';
import { AuthProvider } from '@/lib/auth/auth-provider';
import { useAuth } from '@/lib/auth/context';
import { REMEMBERED_USER_KEY, rememberUser } from '@/lib/auth/remembered-user';
import { loadForUser, saveForUser } from '@/lib/offline-data';
import { apiError, makeRefreshResponse, makeUser, mockApi } from '@/testing/test-utils';

function WhoAmI() {
  const { status, user } = useAuth();
  return <p>{status === 'authenticated' ? `Hello ${user?.name ?? ''}` : 'Anonymous'}</p>;
}

describe('AuthProvider', () => {
  let mock: MockAdapter;
  beforeEach(() => {
    mock = mockApi();
  });
  afterEach(() => {
    mock.restore();
  });

  it('restores the session from the refresh cookie at boot', async () => {
    setSessionHint();
    const me = makeUser('attendee', { name: 'Ada' });
    mock.onPost('/auth/refresh/').reply(200, makeRefreshResponse('boot'));
    mock.onGet('/auth/me/').reply(200, me);

    render(
      <AuthProvider>
        <WhoAmI />
      </AuthProvider>,
    );

    expect(screen.getByRole('status')).toBeInTheDocument();
    expect(await screen.findByText('Hello Ada')).toBeInTheDocument();
    expect(getAccessToken()).toBe('boot');
    expect(mock.history.post).toHaveLength(1);
  });

  it('is anonymous when the refresh cookie is refused, and forgets the hint', async () => {
    setSessionHint();
    mock.onPost('/auth/refresh/').reply(401, apiError('not_authenticated', 'No.'));

    render(
      <AuthProvider>
        <WhoAmI />
      </AuthProvider>,
    );

    expect(await screen.findByText('Anonymous')).toBeInTheDocument();
    expect(getAccessToken()).toBeNull();
    expect(mock.history.get).toHaveLength(0);
    expect(hasSessionHint()).toBe(false);
  });

  it('never asks /auth/refresh/ in a browser that has not signed in', () => {
    render(
      <AuthProvider>
        <WhoAmI />
      </AuthProvider>,
    );

    // Anonymous at once: no spinner, no request (the 401 would be a console error).
    expect(screen.getByText('Anonymous')).toBeInTheDocument();
    expect(mock.history.post).toHaveLength(0);
    expect(mock.history.get).toHaveLength(0);
  });

  it('starts signed in as the remembered user when there is no network at all', async () => {
    rememberUser(makeUser('attendee', { id: 4, name: 'Nora' }));
    mock.onPost('/auth/refresh/').networkError();

    render(
      <AuthProvider>
        <WhoAmI />
      </AuthProvider>,
    );

    expect(await screen.findByText('Hello Nora')).toBeInTheDocument();
    expect(getAccessToken()).toBeNull();
  });

  it('without network and nobody remembered, is anonymous', async () => {
    mock.onPost('/auth/refresh/').networkError();
    render(
      <AuthProvider>
        <WhoAmI />
      </AuthProvider>,
    );
    expect(await screen.findByText('Anonymous')).toBeInTheDocument();
  });

  it('forgets the user and every offline copy when the server says the session is over', async () => {
    rememberUser(makeUser('attendee', { id: 4, name: 'Nora' }));
    await saveForUser(4, 'bookings:1', { count: 1 });
    mock.onPost('/auth/refresh/').reply(401, apiError('not_authenticated', 'No.'));

    render(
      <AuthProvider>
        <WhoAmI />
      </AuthProvider>,
    );

    expect(await screen.findByText('Anonymous')).toBeInTheDocument();
    expect(localStorage.getItem(REMEMBERED_USER_KEY)).toBeNull();
    await waitFor(async () => {
      expect(await loadForUser(4, 'bookings:1')).toBeNull();
    });
  });
});
