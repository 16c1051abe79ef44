import '@testing-library/jest-dom/vitest';

import { cleanup } from '@testing-library/react';

import { clearAccessToken } from '@/lib/auth-token';

afterEach(() => {
  cleanup();
  clearAccessToken();
  localStorage.clear();
  sessionStorage.clear();
});
