import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type MockAdapter from 'axios-mock-adapter';

import { AppShell } from '@/app/app-shell';
import { setAccessToken } from '@/lib/auth-token';
import type { Role } from '@/types/api';
import {
  authValue,
  makeEvent,
  makeUser,
  mockApi,
  paginated,
  renderWithProviders,
} from '@/testing/test-utils';

function navLinks(): string[] {
  const nav = screen.getByRole('navigation', { name: 'Main' });
  return within(nav)
    .getAllByRole('link')
    .map((link) => link.textContent);
}

describe('main navigation', () => {
  let mock: MockAdapter;
  beforeEach(() => {
    mock = mockApi();
    mock.onGet('/events/').reply(200, paginated([]));
  });
  afterEach(() => {
    mock.restore();
  });

  it('shows Events, Sign in and Register to anonymous visitors', () => {
    renderWithProviders(<AppShell />);
    expect(screen.getByRole('link', { name: /QR-Entry/ })).toBeInTheDocument();
    expect(navLinks()).toEqual(['Events', 'Sign in', 'Register']);
    expect(screen.queryByRole('button', { name: 'Sign out' })).not.toBeInTheDocument();
  });

  it.each<[Role, string[]]>([
    ['attendee', ['Events', 'My tickets', 'Account']],
    ['organizer', ['Events', 'My events', 'Dashboard', 'Scan', 'Account']],
    ['admin', ['Events', 'My events', 'Dashboard', 'Scan', 'Account']],
  ])('shows the right links to a signed-in %s', async (role, links) => {
    const user = makeUser(role);
    renderWithProviders(<AppShell />, { auth: authValue(user) });
    await vi.waitFor(() => {
      expect(navLinks()).toEqual(links);
    });
    expect(screen.getByText(user.name)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Sign out' })).toBeInTheDocument();
  });

  it('shows My tickets to attendees only', () => {
    renderWithProviders(<AppShell />, { auth: authValue(makeUser('attendee')) });
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).getByRole('link', { name: 'My tickets' })).toHaveAttribute(
      'href',
      '/tickets',
    );
    expect(within(nav).queryByRole('link', { name: 'My events' })).not.toBeInTheDocument();
  });

  it('does not show My tickets to organizers', () => {
    renderWithProviders(<AppShell />, { auth: authValue(makeUser('organizer')) });
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).queryByRole('link', { name: 'My tickets' })).not.toBeInTheDocument();
  });

  it('links to the right pages', () => {
    renderWithProviders(<AppShell />, { auth: authValue(makeUser('organizer')) });
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).getByRole('link', { name: 'Events' })).toHaveAttribute('href', '/');
    expect(within(nav).getByRole('link', { name: 'My events' })).toHaveAttribute(
      'href',
      '/organizer/events',
    );
    expect(within(nav).getByRole('link', { name: 'Account' })).toHaveAttribute('href', '/account');
  });

  it.each<Role>(['organizer', 'admin'])('links %s to the dashboard', (role) => {
    renderWithProviders(<AppShell />, { auth: authValue(makeUser(role)) });
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).getByRole('link', { name: 'Dashboard' })).toHaveAttribute(
      'href',
      '/dashboard',
    );
  });

  it('shows no Dashboard to attendees or anonymous visitors', async () => {
    mock.onGet('/events/').reply(200, paginated([makeEvent()]));
    renderWithProviders(<AppShell />, { auth: authValue(makeUser('attendee')) });
    const nav = screen.getByRole('navigation', { name: 'Main' });
    // Even as door staff (Scan shown), an attendee gets no dashboard.
    expect(await within(nav).findByRole('link', { name: 'Scan' })).toBeInTheDocument();
    expect(within(nav).queryByRole('link', { name: 'Dashboard' })).not.toBeInTheDocument();
  });

  it('shows Scan to an attendee who is door staff of an upcoming event', async () => {
    mock.onGet('/events/').reply(200, paginated([makeEvent()]));
    renderWithProviders(<AppShell />, { auth: authValue(makeUser('attendee')) });
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(await within(nav).findByRole('link', { name: 'Scan' })).toHaveAttribute('href', '/scan');
    expect(navLinks()).toEqual(['Events', 'My tickets', 'Scan', 'Account']);
    expect(mock.history.get[0]!.params).toMatchObject({ door: true });
  });

  it('does not ask organizers whether they are door staff', () => {
    renderWithProviders(<AppShell />, { auth: authValue(makeUser('organizer')) });
    expect(mock.history.get).toHaveLength(0);
  });

  describe('sign out', () => {
    it('logs out on the server, clears the session and the query cache, and goes home', async () => {
      setAccessToken('acc');
      mock.onPost('/auth/logout/').reply(204);
      const auth = authValue(makeUser('attendee'));
      const { queryClient } = renderWithProviders(<AppShell />, {
        auth,
        route: '/account',
        path: '/account',
      });
      queryClient.setQueryData(['private'], { secret: true });

      await userEvent.setup().click(screen.getByRole('button', { name: 'Sign out' }));

      await vi.waitFor(() => {
        expect(screen.getByTestId('location')).toHaveTextContent(/^\/$/);
      });
      expect(mock.history.post[0]!.url).toBe('/auth/logout/');
      expect((mock.history.post[0]!.headers as Record<string, string>).Authorization).toBe(
        'Bearer acc',
      );
      expect(auth.clearSession).toHaveBeenCalled();
      expect(queryClient.getQueryData(['private'])).toBeUndefined();
    });
  });
});
