import type { ReactNode } from 'react';
import { Link, Navigate, useLocation } from 'react-router';

import { Card } from '@/components/ui/card';
import { paths } from '@/config/paths';
import { hasRole, useAuth } from '@/lib/auth/context';
import type { Role } from '@/types/api';

export function Forbidden() {
  return (
    <Card className="mx-auto max-w-md text-center">
      <h1 className="text-xl font-semibold">You don&apos;t have access to this page</h1>
      <p className="mt-2 text-sm text-slate-600">
        Your account&apos;s role does not allow this. If you think it should, ask an organizer.
      </p>
      <Link
        to={paths.home}
        className="mt-4 inline-flex min-h-11 items-center font-medium text-indigo-700 underline-offset-4 hover:underline"
      >
        Back to events
      </Link>
    </Card>
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
