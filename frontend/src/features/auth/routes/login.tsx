import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';

import { LoginForm } from '@/features/auth/components/login-form';
import { Card } from '@/components/ui/card';
import { paths } from '@/config/paths';
import { useAuth } from '@/lib/auth/context';
import { safeNextPath } from '@/lib/safe-next';
import { useDocumentTitle } from '@/lib/use-document-title';

export function LoginRoute() {
  useDocumentTitle('Sign in');
  const [searchParams] = useSearchParams();
  const navigate = useNavigate();
  const { user } = useAuth();
  const nextParam = searchParams.get('next');
  const next = safeNextPath(nextParam);

  if (user) return <Navigate to={next} replace />;

  return (
    <Card className="mx-auto w-full max-w-md">
      <h1 className="text-2xl font-semibold tracking-tight">Sign in</h1>
      <p className="mt-1 mb-6 text-sm text-slate-600">
        No account yet?{' '}
        {/* Signing up instead keeps the page to come back to (the event being booked). */}
        <Link
          to={nextParam ? paths.registerWithNext(next) : paths.register}
          className="font-medium text-indigo-700 hover:underline"
        >
          Create one
        </Link>
      </p>
      <LoginForm
        onSuccess={() => {
          void navigate(next, { replace: true });
        }}
      />
    </Card>
  );
}
