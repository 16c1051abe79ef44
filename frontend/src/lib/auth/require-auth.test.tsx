import { screen } from '@testing-library/react';

import { RequireAuth } from '@/lib/auth/require-auth';
import { authValue, makeUser, renderWithProviders } from '@/testing/test-utils';

function renderGuarded(user: ReturnType<typeof makeUser> | null) {
  return renderWithProviders(
    <RequireAuth roles={['organizer', 'admin']}>
      <h1>Organizer page</h1>
    </RequireAuth>,
    { auth: authValue(user), route: '/organizer/events?page=2', path: '/organizer/events' },
  );
}

describe('RequireAuth', () => {
  it('sends anonymous visitors to /login with the page to come back to', () => {
    renderGuarded(null);
    expect(screen.getByTestId('location')).toHaveTextContent(
      `/login?next=${encodeURIComponent('/organizer/events?page=2')}`,
    );
    expect(screen.queryByText('Organizer page')).not.toBeInTheDocument();
  });

  it('shows a 403 view to a signed-in user with the wrong role', () => {
    renderGuarded(makeUser('attendee'));
    expect(
      screen.getByRole('heading', { name: "You don't have access to this page" }),
    ).toBeInTheDocument();
    expect(screen.queryByText('Organizer page')).not.toBeInTheDocument();
  });

  it.each(['organizer', 'admin'] as const)('renders the page for role %s', (role) => {
    renderGuarded(makeUser(role));
    expect(screen.getByRole('heading', { name: 'Organizer page' })).toBeInTheDocument();
  });

  it('without roles, lets any signed-in user in', () => {
    renderWithProviders(
      <RequireAuth>
        <p>Account page</p>
      </RequireAuth>,
      { auth: authValue(makeUser('attendee')), route: '/account', path: '/account' },
    );
    expect(screen.getByText('Account page')).toBeInTheDocument();
  });
});
