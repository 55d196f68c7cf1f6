import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const root = fileURLToPath(new URL('.', import.meta.url));

/** Paths the API answers; the dev server passes them on to `npm start` (port 3000). */
const apiPaths = [
  '/auth',
  '/oidc',
  '/sign',
  '/dashboard',
  '/mobilities',
  '/partnerships',
  '/calls',
  '/learners',
  '/institutions',
  '/qualifications',
  '/accounts',
  '/outbox',
  '/audit',
  '/verify',
  '/operations',
  '/documents',
  '/health',
  '/api/docs',
];
const target = process.env.DASHBOARD_API_URL ?? 'http://localhost:3000';

export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  // The API replaces the placeholder per response and sends a CSP with that nonce (no
  // 'unsafe-inline'); Vite stamps it on its tags and on <meta property="csp-nonce">.
  html: { cspNonce: '__CSP_NONCE__' },
  build: {
    outDir: `${root}/dist`,
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 600,
  },
  server: {
    port: 5173,
    strictPort: true,
    // The session cookie is `__Host-…` (Secure): keep the API's origin for redirects and cookies.
    proxy: Object.fromEntries(
      apiPaths.map((path) => [path, { target, changeOrigin: false, ws: false }]),
    ),
  },
});
