import { Card } from '@/components/ui/card';
import { useAuth } from '@/lib/auth/context';
import { useDocumentTitle } from '@/lib/use-document-title';
import type { Role } from '@/types/api';

const ROLE_LABELS: Record<Role, string> = {
  attendee: 'Attendee',
  organizer: 'Organizer',
  admin: 'Administrator',
};

export function AccountRoute() {
  useDocumentTitle('Account');
  const { user } = useAuth();
  if (!user) return null; // RequireAuth guards this route.

  return (
    <Card className="mx-auto w-full max-w-md">
      <h1 className="text-2xl font-semibold tracking-tight">Account</h1>
      <dl className="mt-6 divide-y divide-slate-100">
        {[
          ['Name', user.name],
          ['Email', user.email],
          ['Role', ROLE_LABELS[user.role]],
        ].map(([term, value]) => (
          <div key={term} className="flex flex-col gap-0.5 py-3 sm:flex-row sm:gap-4">
            <dt className="text-sm font-medium text-slate-500 sm:w-24">{term}</dt>
            <dd className="break-all text-slate-900">{value}</dd>
          </div>
        ))}
      </dl>
    </Card>
  );
}
