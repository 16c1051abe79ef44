import { useResendVerification } from '@/features/auth/api/resend-verification';
import { Button } from '@/components/ui/button';
import { useAuth } from '@/lib/auth/context';

/** Above every page while the signed-in user's e-mail address is not confirmed. */
export function VerificationBanner() {
  const { user } = useAuth();
  const resendMutation = useResendVerification();
  if (!user || user.email_verified) return null;

  return (
    <div
      role="status"
      data-testid="verification-banner"
      className="border-b border-amber-200 bg-amber-50 text-sm text-amber-900"
    >
      <div className="mx-auto flex max-w-5xl flex-wrap items-center gap-x-3 gap-y-1 px-3 py-2 sm:px-6">
        <p className="flex-1">
          Please confirm your e-mail address: open the link we sent to {user.email}.
        </p>
        {resendMutation.isSuccess ? (
          <span>Sent again.</span>
        ) : (
          <Button
            variant="ghost"
            className="min-h-9 px-2 text-amber-900 underline"
            disabled={resendMutation.isPending}
            onClick={() => {
              resendMutation.mutate();
            }}
          >
            Send the link again
          </Button>
        )}
        {resendMutation.error && <span>{resendMutation.error.detail}</span>}
      </div>
    </div>
  );
}
