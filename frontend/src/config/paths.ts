/** Client routes in one place, so links and redirects never drift apart. */
export const paths = {
  home: '/',
  eventDetail: (id: number | string) => `/events/${String(id)}`,
  login: '/login',
  loginWithNext: (next: string) => `/login?next=${encodeURIComponent(next)}`,
  register: '/register',
  account: '/account',
  myTickets: '/tickets',
  myEvents: '/organizer/events',
  newEvent: '/organizer/events/new',
  manageEvent: (id: number | string) => `/organizer/events/${String(id)}`,
  liveDoor: (id: number | string) => `/organizer/events/${String(id)}/door`,
  scan: '/scan',
  dashboard: '/dashboard',
  eventDashboard: (id: number | string) => `/dashboard/events/${String(id)}`,
} as const;
