import { defineConfig } from 'vitest/config';

// Browser tests: one real server (PGlite in a temp dir, demo data) for the run, Debian's Chromium.
export default defineConfig({
  test: {
    include: ['e2e/**/*.spec.ts'],
    globalSetup: ['e2e/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Specs share one server; run them one after another so they do not race each other's data.
    fileParallelism: false,
  },
});
