import { defineConfig, devices } from '@playwright/test';
import { chromiumArgs, findChromium } from './e2e/support/find-chromium';
import { e2ePort } from './e2e/support/stack';
import { env } from './lib/env';

const config = env();
const browser = findChromium(config.E2E_CHROMIUM_PATH);

// One worker: specs share one app and one database, and some cut the database on purpose.
export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results/e2e',
  fullyParallel: false,
  workers: 1,
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
    { name: 'chromium', dependencies: ['sign-in'], use: { ...devices['Desktop Chrome'], channel: undefined } },
  ],
});
