import { readFile } from 'node:fs/promises';
import { z } from 'zod';

/** Counts of one suite; a check that is not a test runner (typecheck, lint, build) counts as one test. */
export type SuiteResult = { suite: string; passed: number; failed: number; skipped: number; note?: string };

const vitestReport = z.object({
  numPassedTests: z.number(),
  numFailedTests: z.number(),
  numPendingTests: z.number(),
  numTodoTests: z.number(),
  numFailedTestSuites: z.number(),
});

const playwrightReport = z.object({
  stats: z.object({ expected: z.number(), unexpected: z.number(), flaky: z.number(), skipped: z.number() }),
  errors: z.array(z.unknown()).default([]),
});

async function readJson(file: string): Promise<unknown> {
  return JSON.parse(await readFile(file, 'utf8'));
}

/** Vitest's JSON report; a file that failed to load counts as a failure even with no test failed in it. */
export async function readVitestResult(suite: string, file: string): Promise<SuiteResult> {
  const parsed = vitestReport.safeParse(await readJson(file).catch(() => null));
  if (!parsed.success) return { suite, passed: 0, failed: 1, skipped: 0, note: 'no report: the run crashed' };
  const report = parsed.data;
  const brokenFiles = report.numFailedTests === 0 ? report.numFailedTestSuites : 0;
  return {
    suite,
    passed: report.numPassedTests,
    failed: report.numFailedTests + brokenFiles,
    skipped: report.numPendingTests + report.numTodoTests,
  };
}

/** Playwright's JSON report; flaky tests passed on retry and count as passed, set-up errors as failures. */
export async function readPlaywrightResult(suite: string, file: string): Promise<SuiteResult> {
  const parsed = playwrightReport.safeParse(await readJson(file).catch(() => null));
  if (!parsed.success) return { suite, passed: 0, failed: 1, skipped: 0, note: 'no report: the run crashed' };
  const { stats, errors } = parsed.data;
  return {
    suite,
    passed: stats.expected + stats.flaky,
    failed: stats.unexpected + (stats.unexpected === 0 ? errors.length : 0),
    skipped: stats.skipped,
  };
}

export function checkResult(suite: string, ok: boolean): SuiteResult {
  return { suite, passed: ok ? 1 : 0, failed: ok ? 0 : 1, skipped: 0 };
}

/** The closing line CI reads: `N passed, N failed, N skipped`, summed over every suite. */
export function closingLine(results: SuiteResult[]): string {
  const total = results.reduce(
    (sum, r) => ({ passed: sum.passed + r.passed, failed: sum.failed + r.failed, skipped: sum.skipped + r.skipped }),
    { passed: 0, failed: 0, skipped: 0 },
  );
  return `${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`;
}
