import { isRouteErrorResponse, Link, useRouteError } from 'react-router';

import { NotFoundRoute } from '@/app/routes/not-found';
import { Card } from '@/components/ui/card';
import { paths } from '@/config/paths';

/** Last-resort error view for a crash while rendering a route. */
export function RouteErrorBoundary() {
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFoundRoute />;
  return (
    <div className="p-4">
      <Card role="alert" className="mx-auto max-w-md text-center">
        <h1 className="text-xl font-semibold">Something went wrong</h1>
        <p className="mt-2 text-sm text-slate-600">Reload the page, or go back to the events.</p>
        <Link to={paths.home} className="mt-4 inline-block font-medium text-indigo-700">
          Back to events
        </Link>
      </Card>
    </div>
  );
}
