import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';

import { RegisterForm } from '@/features/auth/components/register-form';
import { Card } from '@/components/ui/card';
import { paths } from '@/config/paths';
import { useAuth } from '@/lib/auth/context';
import { safeNextPath } from '@/lib/safe-next';
import { useDocumentTitle } from '@/lib/use-document-title';

export function RegisterRoute() {
  useDocumentTitle('Create account');
  const [searchParams] = useSearchParams();
  const navigate = useNavigate();
  const { user } = useAuth();
  // Came from "Sign in to book": back to that event once the account exists.
  const nextParam = searchParams.get('next');
  const next = safeNextPath(nextParam);

  // Also reached right after sign-up (the session is stored before onSuccess runs).
  if (user) return <Navigate to={next} replace />;

  return (
    <Card className="mx-auto w-full max-w-md">
      <h1 className="text-2xl font-semibold tracking-tight">Create account</h1>
      <p className="mt-1 mb-6 text-sm text-slate-600">
        Already registered?{' '}
        <Link
          to={nextParam ? paths.loginWithNext(next) : paths.login}
          className="font-medium text-indigo-700 hover:underline"
        >
          Sign in
        </Link>
      </p>
      <RegisterForm
        onSuccess={() => {
          void navigate(next, { replace: true });
        }}
      />
    </Card>
  );
}
