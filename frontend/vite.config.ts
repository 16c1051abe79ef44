import { fileURLToPath, URL } from 'node:url';

import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { defineConfig } from 'vitest/config';

const backend = 'http://127.0.0.1:8000';

export default defineConfig({
  // Django serves dist/ at the site root and falls back to index.html for client routes.
  base: '/',
  plugins: [
    react(),
    tailwindcss(),
    // An installable app whose pages open with no network after one visit (the door on a
    // dead network, a buyer's tickets in a basement). Workbox precaches the built files;
    // every client route falls back to the cached index.html. API answers are never cached
    // here: what must survive offline (door kit, My tickets) is kept per user in IndexedDB.
    // The service worker is registered from main.tsx (no inline script: the CSP forbids it).
    VitePWA({
      registerType: 'autoUpdate',
      injectRegister: false,
      includeAssets: ['favicon.svg'],
      manifest: {
        name: 'QR-Entry',
        short_name: 'QR-Entry',
        description: 'Event tickets and QR check-in at the door.',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        background_color: '#f8fafc',
        theme_color: '#4f46e5',
        icons: [
          { src: '/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icon-512.png', sizes: '512x512', type: 'image/png' },
          {
            src: '/icon-maskable-512.png',
            sizes: '512x512',
            type: 'image/png',
            purpose: 'maskable',
          },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
        navigateFallback: '/index.html',
        // Server pages and endpoints are never answered by the app shell.
        navigateFallbackDenylist: [
          /^\/api\//,
          /^\/ws\//,
          /^\/django-admin\//,
          /^\/static\//,
          /^\/media\//,
        ],
        cleanupOutdatedCaches: true,
        clientsClaim: true,
        skipWaiting: true,
      },
    }),
  ],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  server: {
    proxy: {
      '/api': { target: backend, changeOrigin: false },
      '/ws': { target: backend, ws: true },
    },
  },
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    emptyOutDir: true,
    // Keep everything in files: a strict CSP forbids inline scripts/data-URI tricks.
    assetsInlineLimit: 0,
  },
  test: {
    environment: 'jsdom',
    globals: true,
    setupFiles: ['./src/testing/setup-tests.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    css: false,
    restoreMocks: true,
    // Room for the 5 s of findBy*/waitFor (src/testing/setup-tests.ts) on a busy machine.
    testTimeout: 15000,
  },
});
