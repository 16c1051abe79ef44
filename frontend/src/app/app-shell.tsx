import { Link, Outlet, useNavigate } from 'react-router';

import { MainNav } from '@/app/main-nav';
import { useLogout } from '@/features/auth/api/logout';
import { VerificationBanner } from '@/features/auth/components/verification-banner';
import { Button } from '@/components/ui/button';
import { APP_NAME } from '@/config/env';
import { paths } from '@/config/paths';
import { useAuth } from '@/lib/auth/context';

function SignOutButton() {
  const navigate = useNavigate();
  const logoutMutation = useLogout({
    onSettled: () => {
      void navigate(paths.home, { replace: true });
    },
  });
  return (
    <Button
      variant="ghost"
      className="px-3"
      disabled={logoutMutation.isPending}
      onClick={() => {
        logoutMutation.mutate();
      }}
    >
      Sign out
    </Button>
  );
}

export function AppShell() {
  const { user } = useAuth();

  return (
    <div className="flex min-h-dvh flex-col">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded-lg focus:bg-white focus:px-4 focus:py-2 focus:shadow"
      >
        Skip to content
      </a>
      <header className="sticky top-0 z-40 border-b border-slate-200 bg-white/95 backdrop-blur">
        <div className="mx-auto flex max-w-5xl flex-wrap items-center gap-x-4 gap-y-1 px-3 py-2 sm:px-6">
          <Link
            to={paths.home}
            className="mr-auto inline-flex min-h-11 items-center gap-2 text-lg font-bold tracking-tight"
          >
            <span
              aria-hidden="true"
              className="grid size-7 place-items-center rounded-md bg-indigo-600 text-xs text-white"
            >
              QR
            </span>
            {APP_NAME}
          </Link>
          {user && (
            <div className="flex items-center gap-1 sm:order-last">
              <span className="max-w-40 truncate text-sm text-slate-600" title={user.email}>
                {user.name}
              </span>
              <SignOutButton />
            </div>
          )}
          <div className="w-full sm:w-auto">
            <MainNav user={user} />
          </div>
        </div>
      </header>
      <VerificationBanner />
      <main id="main" className="mx-auto w-full max-w-5xl flex-1 px-3 py-6 sm:px-6">
        <Outlet />
      </main>
      <footer className="border-t border-slate-200 py-4 text-center text-xs text-slate-500">
        {APP_NAME}
      </footer>
    </div>
  );
}
