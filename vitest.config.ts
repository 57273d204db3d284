import path from 'node:path';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const alias = { '@': path.resolve(import.meta.dirname) };

/**
 * Files that spend minutes mostly waiting (here on a rate limiter's clock) start first, so the
 * other files run beside them. Without a timing cache (a fresh clone) Vitest orders files by size,
 * and this small one would start last and add its three minutes to the end of the run.
 */
const waitingFiles = ['lib/bitrix24/client-rate-limit.int.test.ts'];
class WaitingFilesFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const waits = (file: TestSpecification) => waitingFiles.some((name) => file.moduleId.endsWith(name));
    return [...sorted.filter(waits), ...sorted.filter((file) => !waits(file))];
  }
}

// Unit tests (`*.test.ts`) need nothing running; integration tests (`*.int.test.ts`) get a real
// PostgreSQL from lib/testing/postgres-global-setup.ts and a fresh database per test file.
export default defineConfig({
  test: {
    sequence: { sequencer: WaitingFilesFirst },
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
