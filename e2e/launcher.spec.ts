import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { testPostgresPorts } from '@/lib/testing/test-ports';
import { runLauncher, waitForOutput, type LauncherProcess } from './support/launcher-process';

/** Processes whose command line mentions the folder: the embedded server runs with `-D <folder>/postgres`. */
function processesUsing(folder: string): string[] {
  return execFileSync('ps', ['-eo', 'pid,args'])
    .toString()
    .split('\n')
    .filter((line) => line.includes(folder) && !line.includes(' ps -eo'));
}

/** An address of this machine that is not loopback, if it has one. */
function outsideAddress(): string | null {
  return (
    Object.values(os.networkInterfaces())
      .flat()
      .find((entry) => entry && !entry.internal && entry.family === 'IPv4')?.address ?? null
  );
}

/** Set-Cookie headers as a Cookie header sends them back. */
function cookiePairs(setCookies: string[]): string {
  return setCookies.map((cookie) => cookie.split(';')[0]).join('; ');
}

test.describe('npm start on the embedded defaults', () => {
  test.use({ locale: 'en-US' });
  test.setTimeout(420_000);
  let dataDir: string;
  test.beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'flowpilot-launch-'));
  });
  // A failed step must not leave a launcher (and its Next.js and PostgreSQL) running for the next spec.
  const started: LauncherProcess[] = [];
  const launch = (settings: Parameters<typeof runLauncher>[0]) => {
    const launcher = runLauncher(settings);
    started.push(launcher);
    return launcher;
  };
  test.afterAll(async () => {
    for (const launcher of started) await launcher.stop('SIGTERM');
    await rm(dataDir, { recursive: true, force: true });
  });

  test('starts PostgreSQL and the app, offers first-run setup once, keeps data across restarts, and leaves nothing running after stop', async ({
    page,
  }) => {
    const settings = {
      PORT: '3101',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      EMBEDDED_PG_PORT: String(testPostgresPorts.launcherSpec),
      DATABASE_URL: undefined,
    };

    const first = launch(settings);
    const [, id] = await waitForOutput(first, /installation ([0-9a-f-]{36}), start #1\b/, 120_000);
    await waitForOutput(first, /ready: http:\/\/localhost:3101/, 180_000);
    expect(first.output()).toContain(`embedded PostgreSQL on 127.0.0.1:${testPostgresPorts.launcherSpec}`);
    const health = await (await fetch('http://127.0.0.1:3101/api/health')).json();
    expect(health, JSON.stringify(health)).toMatchObject({ status: 'ok', db: 'up' });

    // First run on an empty database: the console prints a one-time link to create the admin.
    const [setupLink] = await waitForOutput(first, /http:\/\/localhost:3101\/setup\?token=[\w-]+/, 10_000);
    await page.goto(setupLink);
    await page.getByLabel('Your name').fill('Первый Админ');
    await page.getByLabel('E-mail').fill('first@admin.test');
    await page.getByLabel('Password', { exact: true }).fill('first-admin-password');
    await page.getByLabel('Repeat the password').fill('first-admin-password');
    await page.getByRole('button', { name: 'Create admin account' }).click();
    await expect(page.getByRole('status')).toHaveText('The admin account is ready. Sign in with it.');
    await page.getByLabel('Password', { exact: true }).fill('first-admin-password');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page).toHaveURL(/\/overview$/);
    await expect(page.getByRole('button', { name: 'Account menu for Первый Админ' })).toBeVisible();

    // No portal configured: the built-in demo portal is connected and the first sync fills the mirror.
    expect(first.output()).toMatch(
      /demo portal [\w.-]+ on http:\/\/127\.0\.0\.1:\d+: \d+ employees, \d+ flows, \d+ tasks/,
    );
    expect(first.output()).toContain('demo portal: first sync started');
    await waitForOutput(first, /sync full: done \(.*\b6000 tasks\b/, 180_000);
    await page.goto('http://localhost:3101/flows');
    // The demo company (seed 2026) has 18 flows; the admin sees every one.
    await expect(page.getByRole('table').getByRole('rowheader')).toHaveCount(18);
    // The link cannot be replayed.
    await page.goto(setupLink);
    await expect(page.getByRole('heading', { name: 'Setup is complete' })).toBeVisible();

    // A second start on the same data folder refuses instead of stopping the first one's database.
    const second = launch({ ...settings, PORT: '3102' });
    expect(await second.exited).toBe(1);
    expect(second.output()).toMatch(/already running from .* \(pid \d+\)/);

    await first.stop('SIGTERM');
    expect(processesUsing(dataDir)).toEqual([]);

    // Restarted without HOST, and as if behind one TLS proxy: demo mode still listens on loopback only.
    const again = launch({ ...settings, HOST: undefined, TRUSTED_PROXY_HOPS: '1' });
    await waitForOutput(again, new RegExp(`installation ${id}, start #2\\b`), 120_000);
    await waitForOutput(again, /ready: /, 180_000);
    // The hint is its own line after "ready:"; the pipe may hand it over a moment later.
    await waitForOutput(again, /sign in at |setup\?token=/, 10_000);
    expect(again.output()).toContain('database schema is up to date');
    expect(again.output()).toContain('sign in at http://localhost:3101/sign-in');
    expect(again.output()).not.toContain('/setup?token=');
    // The same demo company again, already mirrored: no second first sync.
    expect(again.output()).toMatch(/demo portal [\w.-]+ on http/);
    expect(again.output()).not.toContain('first sync started');
    const lan = outsideAddress();
    if (lan) await expect(fetch(`http://${lan}:3101/sign-in`)).rejects.toThrow();
    // But the proxy serves whoever reaches it: the demo accounts' password is on the console only.
    const [, proxiedPassword] = await waitForOutput(
      again,
      /demo mode: listening on 127\.0\.0\.1 behind a reverse proxy\. The demo accounts \(.*\) sign in with the password (\S+), printed here only/,
      1_000,
    );
    const proxiedSignIn = await (
      await fetch('http://127.0.0.1:3101/sign-in', { headers: { 'accept-language': 'en' } })
    ).text();
    expect(proxiedSignIn).toContain('admin@demo.flowpilot.local');
    expect(proxiedSignIn).toContain('printed only on the console');
    expect(proxiedSignIn).not.toContain(proxiedPassword!);

    // Behind a TLS proxy (one trusted hop) the session cookie is the Secure one, and it opens the app.
    const viaTls = { 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.7' };
    const csrf = await fetch('http://127.0.0.1:3101/api/auth/csrf', { headers: viaTls });
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const signedIn = await fetch('http://127.0.0.1:3101/api/auth/callback/password', {
      method: 'POST',
      redirect: 'manual',
      headers: {
        ...viaTls,
        'content-type': 'application/x-www-form-urlencoded',
        cookie: cookiePairs(csrf.headers.getSetCookie()),
      },
      body: new URLSearchParams({
        csrfToken,
        email: 'first@admin.test',
        password: 'first-admin-password',
        json: 'true',
      }),
    });
    const sessionCookie = signedIn.headers.getSetCookie().find((cookie) => cookie.includes('next-auth.session-token='));
    expect(sessionCookie).toMatch(/^__Secure-next-auth\.session-token=/);
    expect(sessionCookie).toMatch(/;\s*Secure/i);
    const status = await fetch('http://127.0.0.1:3101/api/sync/status', {
      headers: { ...viaTls, cookie: cookiePairs([sessionCookie!]) },
    });
    expect(status.status).toBe(200);
    await again.stop('SIGINT');
    expect(processesUsing(dataDir)).toEqual([]);

    // Opened to the network on purpose: the demo accounts' password is on the console only.
    const open = launch({ ...settings, HOST: '0.0.0.0' });
    await waitForOutput(open, /ready: /, 180_000);
    const [, password] = await waitForOutput(
      open,
      /demo accounts \(.*\) sign in with the password (\S+), printed here only/,
      10_000,
    );
    const signInPage = await (
      await fetch('http://127.0.0.1:3101/sign-in', { headers: { 'accept-language': 'en' } })
    ).text();
    expect(signInPage).toContain('admin@demo.flowpilot.local');
    expect(signInPage).toContain('printed only on the console');
    expect(signInPage).not.toContain(password!);
    await open.stop('SIGTERM');
    expect(processesUsing(dataDir)).toEqual([]);
  });

  test('stops with a message that names the setting when the configuration is invalid', async () => {
    const launcher = launch({ PORT: 'eighty', DATA_DIR: dataDir, DATABASE_URL: undefined });
    expect(await launcher.exited).toBe(1);
    expect(launcher.output()).toMatch(/PORT: .*Fix: set a whole number from 1 to 65535/);
    expect(processesUsing(dataDir)).toEqual([]);
  });
});
