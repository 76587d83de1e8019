import { defineConfig } from 'vitest/config';
import { SECURITY_HEADERS } from './bin/security-headers.js';

export default defineConfig({
  base: './',
  server: { headers: SECURITY_HEADERS, port: 5173 },
  preview: { headers: SECURITY_HEADERS, port: 4173 },
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 8000,
    // The page, and the run sandbox the page loads in a frame (src/host/sandbox-host.ts).
    rollupOptions: { input: { main: 'index.html', sandbox: 'sandbox.html' } },
  },
  test: {
    include: ['src/**/*.test.ts', 'bin/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
  },
});
