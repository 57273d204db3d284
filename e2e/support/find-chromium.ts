import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

const systemPaths = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
];

/**
 * The browser for e2e: E2E_CHROMIUM_PATH, else a system Chromium/Chrome, else Playwright's own
 * download. Says what to install when there is none.
 */
export function findChromium(explicit: string | undefined): { executablePath: string | undefined; source: string } {
  if (explicit) {
    if (!existsSync(explicit)) throw new Error(`E2E_CHROMIUM_PATH points to ${explicit}, which does not exist.`);
    return { executablePath: explicit, source: 'E2E_CHROMIUM_PATH' };
  }
  const system = systemPaths.find((candidate) => existsSync(candidate));
  if (system) return { executablePath: system, source: 'system' };
  if (existsSync(chromium.executablePath())) return { executablePath: undefined, source: 'playwright' };
  throw new Error(
    [
      'No Chromium found for the e2e tests. Install one of:',
      '  - Debian/Ubuntu: sudo apt-get install chromium',
      "  - Playwright's own build (needs internet): npx playwright install chromium",
      '  - or set E2E_CHROMIUM_PATH to a Chromium or Chrome executable.',
    ].join('\n'),
  );
}

/** Flags for a system Chromium on a locked-down machine (root, no GPU, no outside network). */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
