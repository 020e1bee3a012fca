import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Test suites: engine, forms, processes, server (SQLite and, when available, PostgreSQL), browser.
export default defineConfig({
  // The web app's `@/…` imports (umi's alias), for the suites that test its pure modules.
  resolve: { alias: [{ find: /^@\//, replacement: fileURLToPath(new URL('./src/', import.meta.url)) }] },
  test: {
    include: ['tests/**/*.test.ts', 'src/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // A page reacting to a click on a loaded 2-core machine can take longer than the default
    // second: polls wait up to 10 s for the same condition.
    expect: { poll: { timeout: 10_000 } },
    pool: 'forks',
  },
});
