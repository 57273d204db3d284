import { expect, test } from '@playwright/test';
import { readStack, setDatabase, storageStateFor } from './support/stack';

test('GET /api/health reports the database up, with the version', async ({ request }) => {
  const response = await request.get('/api/health');
  expect(response.status()).toBe(200);
  expect(response.headers()['cache-control']).toContain('no-store');
  const body = await response.json();
  expect(body).toMatchObject({ status: 'ok', db: 'up' });
  expect(body.version).toMatch(/^\d+\.\d+\.\d+/);
});

test.describe('when the database goes away', () => {
  test.use({ locale: 'en-US', storageState: storageStateFor('admin') });
  test.afterEach(() => setDatabase('up'));

  test('health answers 503 with the reason, pages show a readable error, and both recover', async ({
    page,
    request,
  }) => {
    await page.goto('/settings');
    await expect(page.getByRole('region', { name: 'System' })).toBeVisible();

    await setDatabase('down');
    const down = await request.get('/api/health');
    expect(down.status()).toBe(503);
    const body = await down.json();
    expect(body).toMatchObject({ status: 'error', db: 'down' });
    expect(['refused', 'closed', 'timeout']).toContain(body.reasonCode);
    expect(body.reason).toMatch(/^Database unreachable: /);

    await page.goto('/settings');
    const alert = page.getByRole('main').getByRole('alert');
    await expect(alert.getByRole('heading', { name: 'The database is not reachable' })).toBeVisible();
    await expect(alert).toContainText('reconnects by itself');
    // The public start page does not need the database and keeps working.
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(
      'See why your flows slow down — and what to change',
    );
    await page.goto('/overview');
    await expect(alert.getByRole('heading', { name: 'The database is not reachable' })).toBeVisible();
    await page.goto('/settings');

    await setDatabase('up');
    await expect.poll(async () => (await request.get('/api/health')).status(), { timeout: 20_000 }).toBe(200);
    await alert.getByRole('button', { name: 'Try again' }).click();
    await expect(page.getByRole('region', { name: 'System' })).toBeVisible();
    await expect(page.getByRole('status', { name: 'System status' })).toHaveText('All systems normal', {
      timeout: 20_000,
    });
  });

  test('the app process survives the outage (no crash in its log)', async () => {
    const { readFile } = await import('node:fs/promises');
    const log = await readFile(readStack().appLog, 'utf8');
    expect(log).not.toMatch(/Next\.js exited|uncaughtException|unhandledRejection/);
  });
});
