import { defineConfig } from 'vitest/config';

// Test suites: engine, forms, processes, server (SQLite and, when available, PostgreSQL), browser.
export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts', 'src/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
