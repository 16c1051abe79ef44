import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, type RenderOptions } from '@testing-library/react';
import MockAdapter from 'axios-mock-adapter';
import type { ReactElement, ReactNode } from 'react';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';

import { api } from '@/lib/api-client';
import { AuthContext, type AuthContextValue } from '@/lib/auth/context';
import type { Role, User } from '@/types/api';

export function makeUser(role: Role = 'attendee', overrides: Partial<User> = {}): User {
  return { id: 1, email: `${role}@example.com`, name: `Ada ${role}`, role, ...overrides };
}

export function mockApi(): MockAdapter {
  return new MockAdapter(api, { onNoMatch: 'throwException' });
}

export function authValue(user: User | null, overrides: Partial<AuthContextValue> = {}) {
  return {
    status: user ? 'authenticated' : 'anonymous',
    user,
    signIn: vi.fn(),
    clearSession: vi.fn(),
    ...overrides,
  } satisfies AuthContextValue;
}

/** Shows where the router ended up, for redirect assertions. */
export function LocationProbe() {
  const location = useLocation();
  return <p data-testid="location">{location.pathname + location.search}</p>;
}

interface ProviderOptions {
  auth?: AuthContextValue;
  route?: string;
  /** Route pattern the UI is mounted at; other paths render a LocationProbe. */
  path?: string;
  queryClient?: QueryClient;
}

export function renderWithProviders(
  ui: ReactElement,
  {
    auth = authValue(null),
    route = '/',
    path = '/',
    queryClient = new QueryClient({
      defaultOptions: { queries: { retry: false }, mutations: { retry: false } },
    }),
    ...options
  }: ProviderOptions & Omit<RenderOptions, 'wrapper'> = {},
) {
  function Wrapper({ children }: { children: ReactNode }) {
    return (
      <QueryClientProvider client={queryClient}>
        <AuthContext value={auth}>
          <MemoryRouter initialEntries={[route]}>
            <Routes>
              <Route path={path} element={children} />
              <Route path="*" element={<LocationProbe />} />
            </Routes>
          </MemoryRouter>
        </AuthContext>
      </QueryClientProvider>
    );
  }
  return { auth, queryClient, ...render(ui, { wrapper: Wrapper, ...options }) };
}
