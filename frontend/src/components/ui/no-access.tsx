import type { ReactNode } from 'react';
import { Link } from 'react-router';

import { Card } from '@/components/ui/card';
import { paths } from '@/config/paths';

/** A page the viewer may not see: what it is, why, and the way back to the events. */
export function NoAccess({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Card className="mx-auto max-w-md text-center">
      <h1 className="text-xl font-semibold">{title}</h1>
      <p className="mt-2 text-sm text-slate-600">{children}</p>
      <Link
        to={paths.home}
        className="mt-4 inline-flex min-h-11 items-center font-medium text-indigo-700 underline-offset-4 hover:underline"
      >
        Back to events
      </Link>
    </Card>
  );
}
