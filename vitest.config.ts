import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Each file opens its own database; two workers match the two cores here.
    pool: 'forks',
    maxWorkers: 2,
  },
});
