import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

/** Counts of one suite; a check that is not a test runner (typecheck, lint, build) counts as one test. */
export type SuiteResult = {
  suite: string;
  passed: number;
  failed: number;
  skipped: number;
  note?: string;
  /** Each failed test with the first line of its error, listed again at the end of the run. */
  failures?: string[];
};

const vitestReport = z.object({
  numPassedTests: z.number(),
  numFailedTests: z.number(),
  numPendingTests: z.number(),
  numTodoTests: z.number(),
  numFailedTestSuites: z.number(),
  testResults: z
    .array(
      z.object({
        name: z.string(),
        message: z.string().default(''),
        status: z.string(),
        assertionResults: z.array(
          z.object({
            fullName: z.string(),
            status: z.string(),
            failureMessages: z.array(z.string()).nullish(),
          }),
        ),
      }),
    )
    .default([]),
});

const playwrightSuite = z.object({
  title: z.string(),
  specs: z
    .array(
      z.object({
        title: z.string(),
        file: z.string(),
        line: z.number(),
        tests: z.array(
          z.object({
            projectName: z.string(),
            status: z.string(),
            results: z.array(z.object({ error: z.object({ message: z.string().optional() }).optional() })),
          }),
        ),
      }),
    )
    .optional(),
  get suites() {
    return z.array(playwrightSuite).optional();
  },
});
type PlaywrightSuite = z.infer<typeof playwrightSuite>;

const playwrightReport = z.object({
  stats: z.object({ expected: z.number(), unexpected: z.number(), flaky: z.number(), skipped: z.number() }),
  errors: z.array(z.object({ message: z.string().optional() }).passthrough()).default([]),
  suites: z.array(playwrightSuite).default([]),
});

/** The first line that says something, without the terminal's colour codes, kept short. */
function firstLine(text: string | undefined): string {
  const plain = (text ?? '').replace(/\u001b\[[0-9;]*m/g, '');
  const line = plain.split('\n').find((l) => l.trim() !== '') ?? '';
  return line.trim().slice(0, 300);
}

function failure(name: string, message: string | undefined): string {
  const reason = firstLine(message);
  return reason ? `${name}: ${reason}` : name;
}

async function readJson(file: string): Promise<unknown> {
  return JSON.parse(await readFile(file, 'utf8'));
}

/** Vitest's JSON report; a file that failed to load counts as a failure even with no test failed in it. */
export async function readVitestResult(suite: string, file: string): Promise<SuiteResult> {
  const parsed = vitestReport.safeParse(await readJson(file).catch(() => null));
  if (!parsed.success) return { suite, passed: 0, failed: 1, skipped: 0, note: 'no report: the run crashed' };
  const report = parsed.data;
  const brokenFiles = report.numFailedTests === 0 ? report.numFailedTestSuites : 0;
  const cwd = process.cwd() + path.sep;
  const failures = report.testResults.flatMap((testFile) => {
    const name = testFile.name.startsWith(cwd) ? testFile.name.slice(cwd.length) : testFile.name;
    const tests = testFile.assertionResults.filter((t) => t.status === 'failed');
    if (tests.length === 0 && testFile.status === 'failed') return [failure(name, testFile.message)];
    return tests.map((t) => failure(`${name} › ${t.fullName}`, t.failureMessages?.[0]));
  });
  return {
    suite,
    passed: report.numPassedTests,
    failed: report.numFailedTests + brokenFiles,
    skipped: report.numPendingTests + report.numTodoTests,
    failures,
  };
}

function playwrightFailures(suites: PlaywrightSuite[]): string[] {
  return suites.flatMap((s) => [
    ...(s.specs ?? []).flatMap((spec) =>
      spec.tests
        .filter((t) => t.status === 'unexpected')
        .map((t) =>
          failure(`[${t.projectName}] ${spec.file}:${spec.line} › ${spec.title}`, t.results.at(-1)?.error?.message),
        ),
    ),
    ...playwrightFailures(s.suites ?? []),
  ]);
}

/** Playwright's JSON report; flaky tests passed on retry and count as passed, set-up errors as failures. */
export async function readPlaywrightResult(suite: string, file: string): Promise<SuiteResult> {
  const parsed = playwrightReport.safeParse(await readJson(file).catch(() => null));
  if (!parsed.success) return { suite, passed: 0, failed: 1, skipped: 0, note: 'no report: the run crashed' };
  const { stats, errors, suites } = parsed.data;
  return {
    suite,
    passed: stats.expected + stats.flaky,
    failed: stats.unexpected + (stats.unexpected === 0 ? errors.length : 0),
    skipped: stats.skipped,
    failures: [...playwrightFailures(suites), ...errors.map((e) => failure('set-up', e.message))],
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
