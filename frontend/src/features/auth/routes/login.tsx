import { AuthPage } from '@/features/auth/components/auth-page';
import { LoginForm } from '@/features/auth/components/login-form';
import { paths } from '@/config/paths';
import { useDocumentTitle } from '@/lib/use-document-title';

export function LoginRoute() {
  useDocumentTitle('Sign in');
  return (
    <AuthPage
      title="Sign in"
      question="No account yet?"
      other={{ label: 'Create one', path: paths.register, withNext: paths.registerWithNext }}
    >
      {(onSuccess) => <LoginForm onSuccess={onSuccess} />}
    </AuthPage>
  );
}
