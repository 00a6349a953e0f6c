import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// The renderer is built from renderer/ into dist/renderer with relative asset URLs, so Electron can
// loadFile() it and the local bridge can serve it as static files.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  // No bundler timing report: npm start builds on first run, and its output is for the user.
  build: { outDir: '../dist/renderer', emptyOutDir: true, chunkSizeWarningLimit: 8000, rolldownOptions: { checks: { bundlerTimings: false } } },
  test: {
    root: '.',
    // TZ is pinned so dates never shift; see test/setup-env.ts.
    env: { TZ: 'UTC' },
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/unit/**/*.test.{ts,tsx}'], environment: 'node' },
      },
      {
        extends: true,
        // Hooks import sample years too: as long as a test may take, on a busy 2-core machine.
        test: { name: 'integration', include: ['test/integration/**/*.test.ts'], environment: 'node', testTimeout: 60_000, hookTimeout: 60_000 },
      },
      {
        extends: true,
        test: { name: 'ui', include: ['test/ui/**/*.test.tsx'], environment: 'happy-dom' },
      },
      {
        extends: true,
        test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'], environment: 'node', testTimeout: 180_000, hookTimeout: 180_000, fileParallelism: false },
      },
    ],
  },
});
