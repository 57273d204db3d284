import { expect, test, type Page } from '@playwright/test';
import { readStack, storageStateFor } from './support/stack';

test.use({ locale: 'en-US' });

async function navLinks(page: Page): Promise<string[]> {
  return page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link').allTextContents();
}

async function flowNames(page: Page): Promise<string[]> {
  await page.goto('/flows');
  return page.getByRole('table').getByRole('rowheader').locator('a[href^="/flows/"]').allTextContents();
}

test.describe('admin', () => {
  test.use({ storageState: storageStateFor('admin') });

  test('sees every area and every flow', async ({ page }) => {
    await page.goto('/home');
    await expect(page).toHaveURL(/\/overview$/);
    expect(await navLinks(page)).toEqual(['Overview', 'Flows', 'Outcomes', 'Users', 'Settings']);
    expect(await flowNames(page)).toEqual(['Legal', 'Sales', 'Support']);
    for (const path of ['/users', '/settings']) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(200);
    }
  });
});

test.describe('executive', () => {
  test.use({ storageState: storageStateFor('executive') });

  test('sees every flow read-only, and not users or settings', async ({ page }) => {
    await page.goto('/home');
    await expect(page).toHaveURL(/\/overview$/);
    expect(await navLinks(page)).toEqual(['Overview', 'Flows', 'Outcomes']);
    expect(await flowNames(page)).toEqual(['Legal', 'Sales', 'Support']);
    for (const path of ['/users', '/settings']) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(403);
      await expect(page.getByRole('heading', { name: 'You do not have access to this page' })).toBeVisible();
    }
  });
});

test.describe('team lead', () => {
  test.use({ storageState: storageStateFor('lead') });

  test('starts at their flows and sees only the flows they are in', async ({ page }) => {
    await page.goto('/home');
    await expect(page).toHaveURL(/\/flows$/);
    expect(await navLinks(page)).toEqual(['Overview', 'Flows', 'Outcomes']);
    expect(await flowNames(page)).toEqual(['Sales', 'Support']);
    await page.getByRole('link', { name: 'Support', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Support' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Team', exact: true })).toContainText('Лев Лидов');
  });

  test('cannot open a flow outside their scope by typing its URL: 403 and no data', async ({ page }) => {
    const response = await page.goto(`/flows/${readStack().flows.legal}`);
    expect(response?.status()).toBe(403);
    await expect(page.getByRole('heading', { name: 'You do not have access to this page' })).toBeVisible();
    const html = await page.content();
    expect(html).not.toContain('Legal');
    expect(html).not.toContain('Oleg');
    // An id that does not exist looks exactly the same; so does the flow's What if tab.
    const unknown = await page.goto('/flows/00000000-0000-4000-8000-000000000000');
    expect(unknown?.status()).toBe(403);
    const whatIf = await page.goto(`/flows/${readStack().flows.legal}/what-if`);
    expect(whatIf?.status()).toBe(403);
    expect(await page.content()).not.toContain('Legal');
  });

  test('cannot open users or settings', async ({ page }) => {
    for (const path of ['/users', '/settings', `/users/00000000-0000-4000-8000-000000000000`]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(403);
    }
  });
});

test('signed-out page views go to sign-in and come back after it', async ({ page }) => {
  await page.goto('/settings');
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fsettings$/);
  await page.getByLabel('E-mail').fill('admin@e2e.test');
  await page.getByLabel('Password', { exact: true }).fill('correct-horse-battery');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page).toHaveURL(/\/settings$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
});
