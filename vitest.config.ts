import path from 'node:path';
import { defineConfig } from 'vitest/config';

const alias = { '@': path.resolve(import.meta.dirname) };

// Unit tests (`*.test.ts`) need nothing running; integration tests (`*.int.test.ts`) get a real
// PostgreSQL from lib/testing/postgres-global-setup.ts and a fresh database per test file.
export default defineConfig({
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          sequence: { groupOrder: 0 },
          include: ['{lib,components,app,scripts}/**/*.test.{ts,tsx}'],
          exclude: ['**/*.int.test.ts', 'node_modules/**'],
          environment: 'node',
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'integration',
          sequence: { groupOrder: 1 },
          include: ['{lib,app,scripts}/**/*.int.test.ts'],
          environment: 'node',
          globalSetup: ['lib/testing/postgres-global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // Each file makes its own databases; two at a time keeps 2-core machines responsive.
          maxWorkers: 2,
        },
      },
    ],
  },
});
