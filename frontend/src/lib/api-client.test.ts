import type MockAdapter from 'axios-mock-adapter';

import { api } from '@/lib/api-client';
import { getAccessToken, onSessionExpired, setAccessToken } from '@/lib/auth-token';
import { ApiError } from '@/lib/errors';
import type { LoginResponse } from '@/types/api';
import {
  apiError,
  makeLoginResponse,
  makeRefreshResponse,
  makeUser,
  mockApi,
  paginated,
} from '@/testing/test-utils';

const expired = apiError('token_not_valid', 'Token is invalid or expired.');

function bearer(config: { headers?: unknown }): string | undefined {
  const headers = config.headers as Record<string, string> | undefined;
  return headers?.Authorization;
}

/** A protected endpoint that only accepts the given token. */
function protectedEndpoint(mock: MockAdapter, url: string, token: string, body: object) {
  mock
    .onGet(url)
    .reply((config) => (bearer(config) === `Bearer ${token}` ? [200, body] : [401, expired]));
}

describe('api client', () => {
  let mock: MockAdapter;

  beforeEach(() => {
    mock = mockApi();
  });

  afterEach(() => {
    mock.restore();
  });

  it('sends the in-memory access token as a Bearer header', async () => {
    setAccessToken('abc');
    mock.onGet('/auth/me/').reply(200, makeUser());
    await api.get('/auth/me/');
    expect(bearer(mock.history.get[0]!)).toBe('Bearer abc');
  });

  it('on a 401 refreshes exactly once and retries once with the new token', async () => {
    setAccessToken('old');
    protectedEndpoint(mock, '/auth/me/', 'new', makeUser());
    mock.onPost('/auth/refresh/').reply(200, makeRefreshResponse('new'));

    const response = await api.get('/auth/me/');

    expect(response.data).toEqual(makeUser());
    expect(mock.history.post.filter((r) => r.url === '/auth/refresh/')).toHaveLength(1);
    expect(mock.history.get).toHaveLength(2);
    expect(bearer(mock.history.get[0]!)).toBe('Bearer old');
    expect(bearer(mock.history.get[1]!)).toBe('Bearer new');
    expect(getAccessToken()).toBe('new');
  });

  it('shares one refresh between concurrent 401s', async () => {
    setAccessToken('old');
    protectedEndpoint(mock, '/events/', 'new', paginated([]));
    protectedEndpoint(mock, '/auth/me/', 'new', makeUser());
    mock.onPost('/auth/refresh/').reply(
      () =>
        new Promise((resolve) => {
          setTimeout(() => {
            resolve([200, makeRefreshResponse('new')]);
          }, 20);
        }),
    );

    const [a, b] = await Promise.all([api.get('/events/'), api.get('/auth/me/')]);

    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    expect(mock.history.post.filter((r) => r.url === '/auth/refresh/')).toHaveLength(1);
    expect(mock.history.get).toHaveLength(4);
  });

  it('clears the session when the refresh fails, without looping', async () => {
    setAccessToken('old');
    const expiredListener = vi.fn();
    const unsubscribe = onSessionExpired(expiredListener);
    mock.onGet('/auth/me/').reply(401, expired);
    mock.onPost('/auth/refresh/').reply(401, apiError('not_authenticated', 'No session.'));

    const error: unknown = await api.get('/auth/me/').catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(401);
    expect(mock.history.get).toHaveLength(1);
    expect(mock.history.post).toHaveLength(1);
    expect(getAccessToken()).toBeNull();
    expect(expiredListener).toHaveBeenCalledTimes(1);
    unsubscribe();
  });

  it('retries only once even if the retried request is rejected again', async () => {
    setAccessToken('old');
    mock.onGet('/auth/me/').reply(401, expired);
    mock.onPost('/auth/refresh/').reply(200, makeRefreshResponse('new'));

    await expect(api.get('/auth/me/')).rejects.toMatchObject({ status: 401 });
    expect(mock.history.get).toHaveLength(2);
    expect(mock.history.post).toHaveLength(1);
  });

  it('does not ask for a refresh on a 401 in a browser that never signed in', async () => {
    mock.onGet('/bookings/').reply(401, apiError('not_authenticated', 'Sign in.'));

    await expect(api.get('/bookings/')).rejects.toMatchObject({ status: 401 });
    expect(mock.history.post).toHaveLength(0);
  });

  it.each(['/auth/login/', '/auth/register/', '/auth/refresh/'])(
    'does not refresh on a 401 from %s',
    async (url) => {
      mock.onPost(url).reply(401, apiError('invalid_credentials', 'Wrong.'));
      await expect(api.post(url, {})).rejects.toMatchObject({ code: 'invalid_credentials' });
      expect(mock.history.post).toHaveLength(1);
    },
  );

  it('turns error bodies into ApiError with code, detail and fields', async () => {
    mock
      .onPost('/auth/register/')
      .reply(
        400,
        apiError('validation_error', 'Invalid input.', { email: ['Already registered.'] }),
      );
    const error = (await api.post('/auth/register/', {}).catch((e: unknown) => e)) as ApiError;
    expect(error.code).toBe('validation_error');
    expect(error.fieldError('email')).toBe('Already registered.');
  });

  it('never writes the access token to web storage or cookies', async () => {
    const setItem = vi.spyOn(Storage.prototype, 'setItem');
    mock
      .onPost('/auth/login/')
      .reply(200, makeLoginResponse(makeUser(), { access: 'secret-access' }));
    mock.onGet('/auth/me/').replyOnce(401, expired);
    mock.onPost('/auth/refresh/').reply(200, makeRefreshResponse('secret-access-2'));
    mock.onGet('/auth/me/').reply(200, makeUser());

    const login = await api.post<LoginResponse>('/auth/login/', {});
    setAccessToken(login.data.access);
    await api.get('/auth/me/');

    expect(getAccessToken()).toBe('secret-access-2');
    // Only the session hint, which holds no secret.
    for (const [, value] of setItem.mock.calls) expect(value).not.toContain('secret');
    expect(localStorage.length).toBe(1);
    expect(localStorage.getItem('qe.session')).toBe('1');
    expect(sessionStorage.length).toBe(0);
    expect(document.cookie).not.toContain('secret-access');
  });
});
