import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';

test.describe('landing page in Russian (browser prefers Russian)', () => {
  test.use({ locale: 'ru-RU' });

  test('explains the product and switches to English, remembering the choice', async ({ page }) => {
    await page.goto('/');
    await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(
      'Узнайте, почему потоки замедляются, и что изменить',
    );
    await expect(page.getByRole('heading', { name: 'CoPilot с доказательствами' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Открыть панель' })).toHaveAttribute('href', '/overview');
    await page.getByRole('link', { name: 'Открыть панель' }).click();
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Foverview$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Вход в Flowpilot' })).toBeVisible();
    await page.goto('/');

    const switcher = page.getByRole('group', { name: 'Язык' });
    await expect(switcher.getByRole('button', { name: 'RU' })).toHaveAttribute('aria-pressed', 'true');
    await switcher.getByRole('button', { name: 'EN' }).click();

    await expect(page.getByRole('heading', { level: 1 })).toHaveText(
      'See why your flows slow down — and what to change',
    );
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await page.reload();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(
      'See why your flows slow down — and what to change',
    );
    await expect(page.getByRole('group', { name: 'Language' }).getByRole('button', { name: 'EN' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
  });
});

test.describe('landing page in English (browser prefers English)', () => {
  test.use({ locale: 'en-US' });

  test('renders in English, switches to Russian by keyboard, and has no serious accessibility problems', async ({
    page,
  }) => {
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(
      'See why your flows slow down — and what to change',
    );
    await expect(page.getByRole('heading', { name: 'Runs on your server' })).toBeVisible();

    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${v.id}: ${v.help}`)).toEqual([]);

    await page.getByRole('button', { name: 'RU' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(
      'Узнайте, почему потоки замедляются, и что изменить',
    );
  });

  test('the skip link is the first stop for keyboard users', async ({ page }) => {
    await page.goto('/');
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to content' });
    await expect(skip).toBeFocused();
    await expect(skip).toBeVisible();
  });
});
