import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { e2ePort, storageStateFor } from './support/stack';

test.use({ locale: 'en-US', storageState: storageStateFor('admin') });

test('the dashboard shell navigates between Overview, Flows and Settings', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('link', { name: 'Open the dashboard' }).click();
  await expect(page).toHaveURL(/\/overview$/);
  const nav = page.getByRole('navigation', { name: 'Main navigation' });
  await expect(nav.getByRole('link', { name: 'Overview' })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();

  await nav.getByRole('link', { name: 'Flows' }).click();
  await expect(page).toHaveURL(/\/flows$/);
  await expect(nav.getByRole('link', { name: 'Flows' })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('heading', { level: 1, name: 'Flows' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Support', exact: true })).toBeVisible();

  await nav.getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await expect(page.getByRole('status', { name: 'System status' })).toHaveText('All systems normal');
});

test('Settings shows the running system: version, PostgreSQL, migrations, installation', async ({ page, request }) => {
  const health = await (await request.get('/api/health')).json();
  await page.goto('/settings');
  const system = page.getByRole('region', { name: 'System' });
  await expect(system.getByText(health.version, { exact: true })).toBeVisible();
  await expect(system.getByText(/^PostgreSQL \d+/)).toBeVisible();
  await expect(system.getByText(/\d+ migrations? applied/)).toBeVisible();
  await expect(system.getByText(/_init/)).toBeVisible();
  await expect(system.getByText(/^[0-9a-f]{8}-[0-9a-f]{4}-/)).toBeVisible();
});

test('dashboard pages in Russian, with no serious accessibility problems', async ({ page, context }) => {
  await context.addCookies([{ name: 'NEXT_LOCALE', value: 'ru', url: `http://127.0.0.1:${e2ePort}` }]);
  for (const [path, title] of [
    ['/overview', 'Обзор'],
    ['/flows', 'Потоки'],
    ['/settings', 'Настройки'],
    ['/users', 'Пользователи'],
  ] as const) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
    await expect(page.getByRole('status', { name: 'Состояние системы' })).toHaveText('Все системы работают');
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${path} ${v.id}: ${v.help}`)).toEqual([]);
  }
});

test('an unknown address shows a page-not-found page with a way back', async ({ page }) => {
  const response = await page.goto('/no-such-page');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  await page.getByRole('link', { name: 'Go to the start page' }).click();
  await expect(page).toHaveURL(/\/$/);
});
