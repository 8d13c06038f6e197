import { defineConfig } from 'vitest/config';

// Integration tests share one machine's SoftHSM2 and CA ports: files run in parallel
// processes (forks), each with its own token directory and its own server port.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
