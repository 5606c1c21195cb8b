/// <reference types="vitest/config" />
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The SPA lives under /app/ and talks to /api on its own origin, so one build serves every
// environment (no build-time API URL). `npm run dev` proxies the backend of `make run`.
const backend = process.env.FLAMINGO_DEV_BACKEND ?? 'http://127.0.0.1:8080';

export default defineConfig({
  base: '/app/',
  plugins: [react()],
  build: {
    target: 'es2022',
    sourcemap: false,
    // The build writes its own size report (scripts/bundle-size.mjs): keep Vite's quiet.
    reportCompressedSize: false,
    manifest: true,
  },
  server: {
    proxy: {
      '/api': backend,
    },
  },
  test: {
    environment: 'jsdom',
    globals: true,
    setupFiles: ['./src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    css: false,
    // Typing into forms with user-event takes seconds when the machine is busy (CI runners,
    // shared hosts): vitest's default 5 s fails tests that are merely slow, not wrong.
    testTimeout: 20_000,
  },
});
