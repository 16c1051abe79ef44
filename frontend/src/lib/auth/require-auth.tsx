import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';

import { NoAccess } from '@/components/ui/no-access';
import { paths } from '@/config/paths';
import { hasRole, useAuth } from '@/lib/auth/context';
import type { Role } from '@/types/api';

function Forbidden() {
  return (
    <NoAccess title="You don't have access to this page">
      Your account&apos;s role does not allow this. If you think it should, ask an organizer.
    </NoAccess>
  );
}

/** Route guard: anonymous -> /login?next=..., wrong role -> 403 view, otherwise the page. */
export function RequireAuth({ roles, children }: { roles?: readonly Role[]; children: ReactNode }) {
  const { user } = useAuth();
  const location = useLocation();

  if (!user) {
    return <Navigate to={paths.loginWithNext(location.pathname + location.search)} replace />;
  }
  if (!hasRole(user, roles)) return <Forbidden />;
  return children;
}
