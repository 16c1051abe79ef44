import { Link, Navigate, useNavigate } from 'react-router';

import { RegisterForm } from '@/features/auth/components/register-form';
import { Card } from '@/components/ui/card';
import { paths } from '@/config/paths';
import { useAuth } from '@/lib/auth/context';
import { useDocumentTitle } from '@/lib/use-document-title';

export function RegisterRoute() {
  useDocumentTitle('Create account');
  const navigate = useNavigate();
  const { user } = useAuth();

  if (user) return <Navigate to={paths.home} replace />;

  return (
    <Card className="mx-auto w-full max-w-md">
      <h1 className="text-2xl font-semibold tracking-tight">Create account</h1>
      <p className="mt-1 mb-6 text-sm text-slate-600">
        Already registered?{' '}
        <Link to={paths.login} className="font-medium text-indigo-700 hover:underline">
          Sign in
        </Link>
      </p>
      <RegisterForm
        onSuccess={() => {
          void navigate(paths.home, { replace: true });
        }}
      />
    </Card>
  );
}
