/** Client routes in one place, so links and redirects never drift apart. */
export const paths = {
  home: '/',
  eventDetail: (id: number | string) => `/events/${String(id)}`,
  login: '/login',
  loginWithNext: (next: string) => `/login?next=${encodeURIComponent(next)}`,
  register: '/register',
  account: '/account',
  myEvents: '/organizer/events',
} as const;
