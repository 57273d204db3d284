import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkResult, closingLine, readPlaywrightResult, readVitestResult } from './test-summary';

async function file(content: unknown) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'fp-summary-'));
  const target = path.join(dir, 'report.json');
  await writeFile(target, typeof content === 'string' ? content : JSON.stringify(content));
  return target;
}

describe('test summary', () => {
  it('reads Vitest counts, with skipped and todo as skipped', async () => {
    const report = await file({
      numPassedTests: 30,
      numFailedTests: 2,
      numPendingTests: 1,
      numTodoTests: 1,
      numFailedTestSuites: 1,
    });
    expect(await readVitestResult('unit', report)).toEqual({
      suite: 'unit',
      passed: 30,
      failed: 2,
      skipped: 2,
      failures: [],
    });
  });

  it('counts a test file that failed to load as a failure', async () => {
    const report = await file({
      numPassedTests: 30,
      numFailedTests: 0,
      numPendingTests: 0,
      numTodoTests: 0,
      numFailedTestSuites: 1,
    });
    expect((await readVitestResult('unit', report)).failed).toBe(1);
  });

  it('counts a missing or broken report as a failure', async () => {
    expect((await readVitestResult('unit', path.join(os.tmpdir(), 'nope.json'))).failed).toBe(1);
    expect((await readPlaywrightResult('e2e', await file('{not json'))).failed).toBe(1);
  });

  it('reads Playwright stats, flaky as passed, global set-up errors as failures', async () => {
    const ok = await file({ stats: { expected: 10, unexpected: 1, flaky: 2, skipped: 3 }, errors: [] });
    expect(await readPlaywrightResult('e2e', ok)).toEqual({
      suite: 'e2e',
      passed: 12,
      failed: 1,
      skipped: 3,
      failures: [],
    });
    const setupFailed = await file({
      stats: { expected: 0, unexpected: 0, flaky: 0, skipped: 0 },
      errors: [{ message: 'boom' }],
    });
    expect((await readPlaywrightResult('e2e', setupFailed)).failed).toBe(1);
  });

  it('names each failed Vitest test and broken file with the first line of its error', async () => {
    const report = await file({
      numPassedTests: 1,
      numFailedTests: 1,
      numPendingTests: 0,
      numTodoTests: 0,
      numFailedTestSuites: 2,
      testResults: [
        {
          name: path.join(process.cwd(), 'lib/a.test.ts'),
          status: 'failed',
          message: '',
          assertionResults: [
            { fullName: 'a works', status: 'passed', failureMessages: [] },
            {
              fullName: 'a limits',
              status: 'failed',
              failureMessages: ['\u001b[31mAssertionError: expected 1 to be 0\u001b[39m\n    at lib/a.test.ts:9:3'],
            },
          ],
        },
        {
          name: path.join(process.cwd(), 'lib/b.test.ts'),
          status: 'failed',
          message: 'Failed to load url ./missing',
          assertionResults: [],
        },
      ],
    });
    expect((await readVitestResult('unit', report)).failures).toEqual([
      'lib/a.test.ts › a limits: AssertionError: expected 1 to be 0',
      'lib/b.test.ts: Failed to load url ./missing',
    ]);
  });

  it('names each failed Playwright test in nested suites, with its project and last error', async () => {
    const report = await file({
      stats: { expected: 1, unexpected: 1, flaky: 0, skipped: 0 },
      errors: [],
      suites: [
        {
          title: 'a.spec.ts',
          specs: [],
          suites: [
            {
              title: 'group',
              specs: [
                {
                  title: 'shows it',
                  file: 'a.spec.ts',
                  line: 12,
                  tests: [
                    {
                      projectName: 'shared-app',
                      status: 'unexpected',
                      results: [{ error: { message: 'first try' } }, { error: { message: 'Error: timed out\nmore' } }],
                    },
                    { projectName: 'own-stack', status: 'expected', results: [{}] },
                  ],
                },
              ],
            },
          ],
        },
      ],
    });
    expect((await readPlaywrightResult('e2e', report)).failures).toEqual([
      '[shared-app] a.spec.ts:12 › shows it: Error: timed out',
    ]);
  });

  it('sums every suite into the closing line', () => {
    const line = closingLine([
      checkResult('typecheck', true),
      checkResult('lint', false),
      { suite: 'unit', passed: 30, failed: 2, skipped: 1 },
    ]);
    expect(line).toBe('31 passed, 3 failed, 1 skipped');
    expect(line).toMatch(/^\d+ passed, \d+ failed, \d+ skipped$/);
  });
});
