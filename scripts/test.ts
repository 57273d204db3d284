// npm test: typecheck, lint, format check, unit + integration tests (Vitest, real PostgreSQL), production
// build, e2e (Playwright in Chromium). Every step runs even when an earlier one failed, so one
// run shows everything; the last line sums all suites for CI.
import { spawn } from 'node:child_process';
import { mkdir, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { childEnvironment } from '../lib/env';
import { buildApp } from '../lib/launcher/next-process';
import { checkResult, closingLine, readPlaywrightResult, readVitestResult, type SuiteResult } from './test-summary';

const require = createRequire(import.meta.url);
const bin = (pkg: string, file: string) => path.join(path.dirname(require.resolve(`${pkg}/package.json`)), file);
const resultsDir = path.resolve('test-results');
const vitestJson = path.join(resultsDir, 'vitest-results.json');
const playwrightJson = path.join(resultsDir, 'e2e-results.json');

function run(title: string, args: string[], env: Record<string, string | undefined> = {}): Promise<boolean> {
  console.log(`\n━━ ${title} ━━`);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { stdio: 'inherit', env: childEnvironment(env) });
    child.on('error', (error) => {
      console.error(error.message);
      resolve(false);
    });
    child.on('close', (code) => resolve(code === 0));
  });
}

/** Runs a step beside others and prints its output in one piece when it ends. */
function runQuietly(title: string, args: string[]): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { env: childEnvironment({}) });
    const output: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => output.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk));
    child.on('error', (error) => output.push(Buffer.from(`${error.message}\n`)));
    child.on('close', (code) => {
      console.log(`\n━━ ${title} ━━`);
      process.stdout.write(Buffer.concat(output));
      resolve(code === 0);
    });
  });
}

await mkdir(resultsDir, { recursive: true });
await Promise.all([vitestJson, playwrightJson].map((file) => rm(file, { force: true })));
const results: SuiteResult[] = [];

// All single-threaded, so on two cores they run side by side.
const [typesChecked, linted, formatted] = await Promise.all([
  runQuietly('typecheck (tsc)', [bin('typescript', 'bin/tsc'), '--noEmit']),
  runQuietly('lint (eslint)', [bin('eslint', 'bin/eslint.js'), '--max-warnings=0', '.']),
  runQuietly('format (prettier --check)', [bin('prettier', 'bin/prettier.cjs'), '--check', '.']),
]);
results.push(checkResult('typecheck', typesChecked), checkResult('lint', linted), checkResult('format', formatted));

// The build runs beside the tests, its output shown after theirs: much of the integration tests'
// time is waiting (rate limits, timers), and only the e2e run needs the build.
const buildOutput: Buffer[] = [];
const building = buildApp(process.cwd(), undefined, {
  typesChecked,
  output: (chunk) => buildOutput.push(chunk),
}).then(
  () => true,
  (error: unknown) => {
    buildOutput.push(Buffer.from(`${error instanceof Error ? error.message : String(error)}\n`));
    return false;
  },
);
await run('unit and integration tests (vitest)', [
  bin('vitest', 'vitest.mjs'),
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${vitestJson}`,
]);
results.push(await readVitestResult('unit + integration', vitestJson));

const built = await building;
console.log('\n━━ production build (next build) ━━');
process.stdout.write(Buffer.concat(buildOutput));
results.push(checkResult('build', built));

if (built) {
  await run('e2e tests (playwright)', [bin('@playwright/test', 'cli.js'), 'test']);
  results.push(await readPlaywrightResult('e2e', playwrightJson));
} else {
  results.push({ suite: 'e2e', passed: 0, failed: 1, skipped: 0, note: 'not run: the build failed' });
}

// CI keeps only the end of a long run, so what failed is named again right above the summary.
const failures = results.flatMap((r) => (r.failures ?? []).map((f) => `  ${r.suite}: ${f}`));
if (failures.length > 0) console.log(`\n━━ failed ━━\n${failures.join('\n')}`);

console.log('\n━━ summary ━━');
for (const r of results) {
  console.log(
    `  ${r.suite.padEnd(20)} ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped${r.note ? ` (${r.note})` : ''}`,
  );
}
const line = closingLine(results);
console.log(line);
process.exit(results.some((r) => r.failed > 0) ? 1 : 0);
