import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test as base, expect, type Browser, type Page } from '@playwright/test';
import { testCertificatePath } from '@/lib/ai/testing/stub-server';
import { testPostgresPorts } from '@/lib/testing/test-ports';
import { demoPortalFacts, type DemoPortalFacts } from './demo-portal-facts';
import { runLauncher, waitForOutput } from './launcher-process';

const port = 3103;
const postgresPort = testPostgresPorts.demoCompany;
export const demoAppUrl = `http://127.0.0.1:${port}`;
/** The deployment's own admin (ADMIN_EMAIL / ADMIN_PASSWORD): demo accounts may not choose CoPilot's model. */
export const ownAdmin = { email: 'owner@demo-company.test', password: 'owner-password-1' };

export type DemoCompany = {
  portalUrl: string;
  webhookCode: string;
  /** The demo accounts' password, made for this installation. */
  demoPassword: string;
  /** What the demo portal says now, read over its REST API. */
  facts: () => Promise<DemoPortalFacts>;
  /** Everything the app has printed so far (its log). */
  appLog: () => string;
  /** The app's embedded database, for a spec that sets up what an admin would (grants). */
  databaseUrl: string;
};

/**
 * The demo company as `npm start` serves it (embedded PostgreSQL, built-in demo portal, first
 * sync and daily figures), started once per Playwright worker and shared by the specs that read it.
 */
export const test = base.extend<object, { demoCompany: DemoCompany }>({
  demoCompany: [
    async ({}, provide) => {
      const dataDir = await mkdtemp(path.join(os.tmpdir(), 'flowpilot-demo-company-'));
      const launcher = runLauncher({
        PORT: String(port),
        HOST: undefined,
        ADMIN_EMAIL: ownAdmin.email,
        ADMIN_PASSWORD: ownAdmin.password,
        DATA_DIR: dataDir,
        EMBEDDED_PG_PORT: String(postgresPort),
        DATABASE_URL: undefined,
        GIGACHAT_CA_FILE: testCertificatePath('ca.pem'),
      });
      try {
        const [, portalUrl] = await waitForOutput(launcher, /demo portal \S+ on (http:\/\/127\.0\.0\.1:\d+)/, 180_000);
        await waitForOutput(launcher, /ready: http/, 300_000);
        // The first sync, which ends with the figures the pages read.
        await waitForOutput(launcher, /sync full: done/, 300_000);
        const webhookCode = (await readFile(path.join(dataDir, 'demo-portal-webhook'), 'utf8')).trim();
        const demoPassword = (await readFile(path.join(dataDir, 'demo-password'), 'utf8')).trim();
        const postgresPassword = (await readFile(path.join(dataDir, 'postgres.password'), 'utf8')).trim();
        await provide({
          portalUrl: portalUrl!,
          webhookCode,
          demoPassword,
          facts: () => demoPortalFacts(portalUrl!, webhookCode),
          appLog: () => launcher.output(),
          databaseUrl: `postgresql://postgres:${encodeURIComponent(postgresPassword)}@127.0.0.1:${postgresPort}/flowpilot`,
        });
      } finally {
        await launcher.stop('SIGTERM');
        await rm(dataDir, { recursive: true, force: true });
      }
    },
    { scope: 'worker', timeout: 480_000 },
  ],
});

export { expect };

/**
 * A new browser context reading the app in `locale`, signed in with the demo account of a role, or
 * for 'Admin' with the deployment's own admin.
 */
export async function signedIn(
  browser: Browser,
  role: 'Team lead' | 'Executive' | 'Admin',
  locale = 'en-US',
): Promise<Page> {
  const context = await browser.newContext({ baseURL: demoAppUrl, locale, viewport: { width: 1440, height: 900 } });
  // Signs in on the English page, then reads the app in the language asked for.
  await context.addCookies([{ name: 'NEXT_LOCALE', value: 'en', url: demoAppUrl }]);
  const page = await context.newPage();
  await page.goto('/sign-in');
  if (role === 'Admin') {
    await page.getByLabel('E-mail').fill(ownAdmin.email);
    await page.getByLabel('Password', { exact: true }).fill(ownAdmin.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  } else {
    await page
      .getByRole('region', { name: 'Demo accounts' })
      .getByRole('button', { name: new RegExp(`^Sign in as ${role}`) })
      .click();
  }
  await expect(page).toHaveURL(/\/(flows|overview)$/);
  await context.addCookies([{ name: 'NEXT_LOCALE', value: locale.slice(0, 2), url: demoAppUrl }]);
  return page;
}
