import '@testing-library/jest-dom/vitest';

import { cleanup, configure } from '@testing-library/react';

import { clearAccessToken } from '@/lib/auth-token';

// findBy*/waitFor give up after this long. The default (1 s) is too short on a shared CI
// machine with two cores, where a render can wait its turn behind other processes.
configure({ asyncUtilTimeout: 5000 });

afterEach(() => {
  cleanup();
  clearAccessToken();
  localStorage.clear();
  sessionStorage.clear();
});
