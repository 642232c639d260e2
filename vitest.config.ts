import { defineConfig } from 'vitest/config';

// Two suites: unit (fast, no services) and integration (real SQLite, PostgreSQL, Redis and
// Socket.IO over loopback). The e2e suite is Playwright's (playwright.config.ts).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts', 'tests/unit/**/*.test.tsx'],
          environment: 'node',
          // a few unit tests hash passwords (scrypt at 32 MiB) or generate thousands of demo
          // cases: well under a second alone, several seconds on two busy cores
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // Integration files start servers and databases; two cores here, so run them one at a time.
          fileParallelism: false,
        },
      },
    ],
  },
});
