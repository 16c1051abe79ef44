import type { ReactNode } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';

import { Card } from '@/components/ui/card';
import { useAuth } from '@/lib/auth/context';
import { safeNextPath } from '@/lib/safe-next';

/**
 * The sign-in and sign-up pages: a heading, the way to the other page, the form. Both keep
 * `?next=` (the event being booked), pass it on to the other page, and go there once signed
 * in; a signed-in visitor (also right after sign-up) goes there at once.
 */
export function AuthPage({
  title,
  question,
  other,
  children,
}: {
  title: string;
  /** "No account yet?" */
  question: string;
  /** The other page: its link text and its path with or without `next`. */
  other: { label: string; path: string; withNext: (next: string) => string };
  /** The form, given what to do once signed in. */
  children: (onSuccess: () => void) => ReactNode;
}) {
  const [searchParams] = useSearchParams();
  const navigate = useNavigate();
  const { user } = useAuth();
  const nextParam = searchParams.get('next');
  const next = safeNextPath(nextParam);

  if (user) return <Navigate to={next} replace />;

  return (
    <Card className="mx-auto w-full max-w-md">
      <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
      <p className="mt-1 mb-6 text-sm text-slate-600">
        {question}{' '}
        <Link
          to={nextParam ? other.withNext(next) : other.path}
          className="font-medium text-indigo-700 hover:underline"
        >
          {other.label}
        </Link>
      </p>
      {children(() => {
        void navigate(next, { replace: true });
      })}
    </Card>
  );
}
