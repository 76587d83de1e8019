import { defineConfig } from 'vitest/config';
import { SECURITY_HEADERS } from './bin/security-headers.js';

export default defineConfig({
  base: './',
  server: { headers: SECURITY_HEADERS, port: 5173 },
  preview: { headers: SECURITY_HEADERS, port: 4173 },
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 8000 },
  test: {
    include: ['src/**/*.test.ts', 'bin/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
  },
});
