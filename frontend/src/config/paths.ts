/** Client routes in one place, so links and redirects never drift apart. */
export const paths = {
  home: '/',
  eventDetail: (id: number | string) => `/events/${String(id)}`,
  login: '/login',
  loginWithNext: (next: string) => `/login?next=${encodeURIComponent(next)}`,
  register: '/register',
  registerWithNext: (next: string) => `/register?next=${encodeURIComponent(next)}`,
  forgotPassword: '/forgot-password',
  resetPassword: '/reset-password',
  verifyEmail: '/verify-email',
  acceptInvitation: '/invitations/accept',
  account: '/account',
  myTickets: '/tickets',
  /** The person's waiting-list entries and offers (the offer e-mail links here). */
  waitingList: '/waiting-list',
  /** One booking: its payment while pending, its tickets once paid. */
  booking: (id: number | string) => `/tickets/${String(id)}`,
  myEvents: '/organizer/events',
  newEvent: '/organizer/events/new',
  manageEvent: (id: number | string) => `/organizer/events/${String(id)}`,
  liveDoor: (id: number | string) => `/organizer/events/${String(id)}/door`,
  scan: '/scan',
  dashboard: '/dashboard',
  eventDashboard: (id: number | string) => `/dashboard/events/${String(id)}`,
} as const;
