import '@testing-library/jest-dom/vitest';
// IndexedDB for the offline door (jsdom has none): an in-memory implementation of the spec.
import 'fake-indexeddb/auto';

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
