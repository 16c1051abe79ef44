import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { registerSW } from 'virtual:pwa-register';

import { App } from '@/app/app';
import '@/index.css';

const root = document.getElementById('root');
if (!root) throw new Error('No #root element in index.html');

// The service worker keeps the app on the device, so it opens with no network after one visit.
registerSW({ immediate: true });

createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
