import { useEffect } from 'react';
import { Link, useSearchParams } from 'react-router';

import { useVerifyEmail } from '@/features/auth/api/verify-email';
import { Alert } from '@/components/ui/alert';
import { Card } from '@/components/ui/card';
import { Spinner } from '@/components/ui/spinner';
import { paths } from '@/config/paths';
import { useAuth } from '@/lib/auth/context';
import { useDocumentTitle } from '@/lib/use-document-title';

/** /verify-email?key=..: the link of the verification e-mail, confirmed on arrival. */
export function VerifyEmailRoute() {
  useDocumentTitle('Confirm your e-mail');
  const [searchParams] = useSearchParams();
  const key = searchParams.get('key') ?? '';
  const { user, setUser } = useAuth();
  const { mutate, isSuccess, isError } = useVerifyEmail();

  useEffect(() => {
    if (key) mutate({ key });
  }, [key, mutate]);

  useEffect(() => {
    if (isSuccess && user && !user.email_verified) setUser({ ...user, email_verified: true });
  }, [isSuccess, user, setUser]);

  return (
    <Card className="mx-auto w-full max-w-md">
      <h1 className="text-2xl font-semibold tracking-tight">Confirm your e-mail</h1>
      <div className="mt-6">
        {isSuccess ? (
          <Alert tone="success">Thank you: your e-mail address is confirmed.</Alert>
        ) : isError || !key ? (
          <Alert title="This link does not work">
            It may be incomplete or too old. Signed in, you can ask for a new one on your account
            page.
          </Alert>
        ) : (
          <Spinner label="Confirming your e-mail address" />
        )}
      </div>
      <Link
        to={user ? paths.account : paths.home}
        className="mt-6 inline-block font-medium text-indigo-700 hover:underline"
      >
        {user ? 'Go to your account' : 'Go to the events'}
      </Link>
    </Card>
  );
}
