import { AuthPage } from '@/features/auth/components/auth-page';
import { RegisterForm } from '@/features/auth/components/register-form';
import { paths } from '@/config/paths';
import { useDocumentTitle } from '@/lib/use-document-title';

export function RegisterRoute() {
  useDocumentTitle('Create account');
  return (
    <AuthPage
      title="Create account"
      question="Already registered?"
      other={{ label: 'Sign in', path: paths.login, withNext: paths.loginWithNext }}
    >
      {(onSuccess) => <RegisterForm onSuccess={onSuccess} />}
    </AuthPage>
  );
}
