import type { RouteObject } from 'react-router';

import { AppShell } from '@/app/app-shell';
import { RouteErrorBoundary } from '@/app/routes/error-boundary';
import { NotFoundRoute } from '@/app/routes/not-found';
import { AccountRoute } from '@/features/auth/routes/account';
import { LoginRoute } from '@/features/auth/routes/login';
import { RegisterRoute } from '@/features/auth/routes/register';
import { EventDetailRoute } from '@/features/events/routes/event-detail';
import { EventsListRoute } from '@/features/events/routes/events-list';
import { MyEventsRoute } from '@/features/events/routes/my-events';
import { ORGANIZER_ROLES } from '@/lib/auth/context';
import { RequireAuth } from '@/lib/auth/require-auth';

export const routes: RouteObject[] = [
  {
    element: <AppShell />,
    errorElement: <RouteErrorBoundary />,
    children: [
      { index: true, element: <EventsListRoute /> },
      { path: 'events/:id', element: <EventDetailRoute /> },
      { path: 'login', element: <LoginRoute /> },
      { path: 'register', element: <RegisterRoute /> },
      {
        path: 'account',
        element: (
          <RequireAuth>
            <AccountRoute />
          </RequireAuth>
        ),
      },
      {
        path: 'organizer/events',
        element: (
          <RequireAuth roles={ORGANIZER_ROLES}>
            <MyEventsRoute />
          </RequireAuth>
        ),
      },
      { path: '*', element: <NotFoundRoute /> },
    ],
  },
];
