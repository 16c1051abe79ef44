import type { RouteObject } from 'react-router';

import { AppShell } from '@/app/app-shell';
import { RouteErrorBoundary } from '@/app/routes/error-boundary';
import { NotFoundRoute } from '@/app/routes/not-found';
import { AcceptInvitationRoute } from '@/features/auth/routes/accept-invitation';
import { AccountRoute } from '@/features/auth/routes/account';
import { ForgotPasswordRoute } from '@/features/auth/routes/forgot-password';
import { LoginRoute } from '@/features/auth/routes/login';
import { RegisterRoute } from '@/features/auth/routes/register';
import { ResetPasswordRoute } from '@/features/auth/routes/reset-password';
import { VerifyEmailRoute } from '@/features/auth/routes/verify-email';
import { BookingPanel } from '@/features/bookings/components/booking-panel';
import { BookingDetailRoute } from '@/features/bookings/routes/booking-detail';
import { MyTicketsRoute } from '@/features/bookings/routes/my-tickets';
import { MyWaitingListRoute } from '@/features/bookings/routes/my-waiting-list';
import { EventDetailRoute } from '@/features/events/routes/event-detail';
import { EventsListRoute } from '@/features/events/routes/events-list';
import { ManageEventRoute } from '@/features/events/routes/manage-event';
import { MyEventsRoute } from '@/features/events/routes/my-events';
import { NewEventRoute } from '@/features/events/routes/new-event';
import { LiveDoorRoute } from '@/features/scanner/routes/live-door';
import { ScanRoute } from '@/features/scanner/routes/scan';
import { ORGANIZER_ROLES } from '@/lib/auth/context';
import { RequireAuth } from '@/lib/auth/require-auth';
import { FullPageSpinner } from '@/components/ui/spinner';

export const routes: RouteObject[] = [
  {
    element: <AppShell />,
    errorElement: <RouteErrorBoundary />,
    // Shown while a lazily loaded page is fetched on the very first navigation.
    hydrateFallbackElement: <FullPageSpinner label="Loading QR-Entry" />,
    children: [
      { index: true, element: <EventsListRoute /> },
      {
        path: 'events/:id',
        // The app layer composes features: the events page hosts the bookings feature's panel.
        element: <EventDetailRoute renderBooking={(event) => <BookingPanel event={event} />} />,
      },
      { path: 'login', element: <LoginRoute /> },
      { path: 'register', element: <RegisterRoute /> },
      // The links of the account e-mails: open signed in or not.
      { path: 'forgot-password', element: <ForgotPasswordRoute /> },
      { path: 'reset-password', element: <ResetPasswordRoute /> },
      { path: 'verify-email', element: <VerifyEmailRoute /> },
      { path: 'invitations/accept', element: <AcceptInvitationRoute /> },
      {
        path: 'account',
        element: (
          <RequireAuth>
            <AccountRoute />
          </RequireAuth>
        ),
      },
      {
        path: 'tickets',
        element: (
          <RequireAuth roles={['attendee']}>
            <MyTicketsRoute />
          </RequireAuth>
        ),
      },
      {
        // The offer e-mail's link: signed in, the person's waiting lists and offers.
        path: 'waiting-list',
        element: (
          <RequireAuth roles={['attendee']}>
            <MyWaitingListRoute />
          </RequireAuth>
        ),
      },
      {
        path: 'tickets/:id',
        element: (
          <RequireAuth roles={['attendee']}>
            <BookingDetailRoute />
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
      {
        path: 'organizer/events/new',
        element: (
          <RequireAuth roles={ORGANIZER_ROLES}>
            <NewEventRoute />
          </RequireAuth>
        ),
      },
      {
        path: 'organizer/events/:id',
        element: (
          <RequireAuth roles={ORGANIZER_ROLES}>
            <ManageEventRoute />
          </RequireAuth>
        ),
      },
      {
        // Door staff are ordinary signed-in users: the API decides which events they scan.
        path: 'scan',
        element: (
          <RequireAuth>
            <ScanRoute />
          </RequireAuth>
        ),
      },
      {
        // Organizer, admin or the event's staff; the API answers 403 (no-access view) otherwise.
        path: 'organizer/events/:id/door',
        element: (
          <RequireAuth>
            <LiveDoorRoute />
          </RequireAuth>
        ),
      },
      {
        // Organizer-only pages with a charting library: loaded on demand, not by attendees.
        path: 'dashboard',
        lazy: async () => {
          const { DashboardOverviewRoute } =
            await import('@/features/dashboard/routes/dashboard-overview');
          return {
            element: (
              <RequireAuth roles={ORGANIZER_ROLES}>
                <DashboardOverviewRoute />
              </RequireAuth>
            ),
          };
        },
      },
      {
        path: 'dashboard/events/:id',
        lazy: async () => {
          const { EventDashboardRoute } =
            await import('@/features/dashboard/routes/event-dashboard');
          return {
            element: (
              <RequireAuth roles={ORGANIZER_ROLES}>
                <EventDashboardRoute />
              </RequireAuth>
            ),
          };
        },
      },
      { path: '*', element: <NotFoundRoute /> },
    ],
  },
];
