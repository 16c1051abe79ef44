import { NavLink } from 'react-router';

import { useDoorEvents } from '@/features/scanner/api/get-door-events';
import { paths } from '@/config/paths';
import { cn } from '@/lib/cn';
import { ORGANIZER_ROLES } from '@/lib/auth/context';
import type { User } from '@/types/api';

interface NavItem {
  to: string;
  label: string;
}

function navItemsFor(user: User | null, isDoorStaff: boolean): NavItem[] {
  const events = { to: paths.home, label: 'Events' };
  if (!user) {
    return [
      events,
      { to: paths.login, label: 'Sign in' },
      { to: paths.register, label: 'Register' },
    ];
  }
  const items: NavItem[] = [events];
  if (user.role === 'attendee') items.push({ to: paths.myTickets, label: 'My tickets' });
  if (ORGANIZER_ROLES.includes(user.role)) {
    items.push({ to: paths.myEvents, label: 'My events' });
    items.push({ to: paths.dashboard, label: 'Dashboard' });
  }
  if (ORGANIZER_ROLES.includes(user.role) || isDoorStaff) {
    items.push({ to: paths.scan, label: 'Scan' });
  }
  items.push({ to: paths.account, label: 'Account' });
  return items;
}

/** The main navigation: always visible, wraps on small screens, links chosen by role. */
export function MainNav({ user }: { user: User | null }) {
  // Attendees see Scan only when some organizer made them door staff of an upcoming event.
  const doorEventsQuery = useDoorEvents({ enabled: user?.role === 'attendee' });
  const isDoorStaff = (doorEventsQuery.data?.results.length ?? 0) > 0;
  return (
    <nav aria-label="Main">
      <ul className="flex flex-wrap gap-1">
        {navItemsFor(user, isDoorStaff).map((item) => (
          <li key={item.to}>
            <NavLink
              to={item.to}
              end={item.to === paths.home}
              className={({ isActive }) =>
                cn(
                  'inline-flex min-h-11 items-center rounded-lg px-3 text-sm font-medium transition-colors',
                  isActive
                    ? 'bg-indigo-50 text-indigo-700'
                    : 'text-slate-700 hover:bg-slate-100 hover:text-slate-900',
                )
              }
            >
              {item.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
