import { defineConfig, devices } from '@playwright/test';
import { chromiumArgs, findChromium } from './e2e/support/find-chromium';
import { e2ePort } from './e2e/support/stack';
import { env } from './lib/env';

const config = env();
const browser = findChromium(config.E2E_CHROMIUM_PATH);

/**
 * Specs that start Flowpilots of their own (the demo company, two instances) and touch nothing of
 * the shared stack but, at most, its PostgreSQL server.
 */
const ownStackSpecs = /(demo-[\w-]+|two-instances)\.spec\.ts$/;

// Two lines of specs side by side, one worker each: the specs on the shared app and database (some
// cut the database on purpose, so they take turns), and those on stacks of their own. The launcher
// and restore specs start their own too, but run in the first line so the two take about as long.
export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results/e2e',
  fullyParallel: false,
  workers: 2,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e-results.json' }]],
  globalSetup: './e2e/global-setup.ts',
  use: {
    baseURL: `http://127.0.0.1:${e2ePort}`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: { executablePath: browser.executablePath, args: chromiumArgs },
  },
  projects: [
    { name: 'sign-in', testMatch: /auth\.setup\.ts/, use: { ...devices['Desktop Chrome'], channel: undefined } },
    {
      name: 'shared-app',
      dependencies: ['sign-in'],
      testIgnore: ownStackSpecs,
      workers: 1,
      use: { ...devices['Desktop Chrome'], channel: undefined },
    },
    // Depends on the sign-in it does not use so that both lines start together: Playwright runs a
    // project only after every project of the phase before it has finished.
    {
      name: 'own-stack',
      dependencies: ['sign-in'],
      testMatch: ownStackSpecs,
      workers: 1,
      use: { ...devices['Desktop Chrome'], channel: undefined },
    },
  ],
});
