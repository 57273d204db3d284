import { expect, test, type Page } from '@playwright/test';
import { seedPassword, spareUsers } from './support/seed';
import { e2ePort } from './support/stack';

test.use({ locale: 'en-US' });

async function signIn(page: Page, email: string, password: string) {
  await page.goto('/sign-in');
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

test('a wrong password gets a clear message; repeated failures lock the account with the wait shown', async ({
  page,
}) => {
  const email = spareUsers.lockout.email;
  await signIn(page, email, 'not-the-password');
  await expect(page.getByRole('main').getByRole('alert')).toHaveText('Wrong e-mail or password.');
  for (let attempt = 2; attempt <= 5; attempt++) {
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page.getByRole('main').getByRole('alert')).toHaveText('Wrong e-mail or password.');
  }
  // Locked now: even the right password is refused until the wait is over.
  await page.getByLabel('Password', { exact: true }).fill(seedPassword);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('main').getByRole('alert')).toHaveText(
    /^Too many failed attempts\. Try again in 1[45] minutes\.$/,
  );
  await expect(page).toHaveURL(/\/sign-in$/);
});

test('an unknown e-mail reads exactly like a wrong password', async ({ page }) => {
  await signIn(page, 'nobody@e2e.test', 'whatever-password');
  await expect(page.getByRole('main').getByRole('alert')).toHaveText('Wrong e-mail or password.');
});

test('the Russian sign-in page explains the lock-out in Russian', async ({ page, context }) => {
  await context.addCookies([{ name: 'NEXT_LOCALE', value: 'ru', url: `http://127.0.0.1:${e2ePort}` }]);
  await page.goto('/sign-in?error=locked%3A600');
  await expect(page.getByRole('main').getByRole('alert')).toHaveText(
    'Слишком много неудачных попыток. Повторите через 10 минут.',
  );
});

test.describe('signing out', () => {
  test('sign out ends the session in this browser', async ({ page }) => {
    await signIn(page, 'admin@e2e.test', seedPassword);
    await expect(page).toHaveURL(/\/overview$/);
    await page.getByRole('button', { name: /^Account menu for / }).click();
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await expect(page).toHaveURL(/\/sign-in/);
    await page.goto('/overview');
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Foverview$/);
  });

  test('sign out ends the session on the server too: a copy of its cookie opens nothing afterwards', async ({
    page,
    context,
    playwright,
    baseURL,
  }) => {
    await signIn(page, 'admin@e2e.test', seedPassword);
    await expect(page).toHaveURL(/\/overview$/);
    const copied = (await context.cookies()).find((cookie) => cookie.name.endsWith('next-auth.session-token'))!;
    const withCopy = await playwright.request.newContext({
      baseURL,
      extraHTTPHeaders: { cookie: `${copied.name}=${copied.value}` },
    });
    try {
      expect((await withCopy.get('/api/sync/status')).status()).toBe(200);
      await page.getByRole('button', { name: /^Account menu for / }).click();
      await page.getByRole('button', { name: 'Sign out', exact: true }).click();
      await expect(page).toHaveURL(/\/sign-in/);
      expect((await withCopy.get('/api/sync/status')).status()).toBe(401);
      const pageWithCopy = await withCopy.get('/overview', { maxRedirects: 0 });
      expect(pageWithCopy.status()).toBe(307);
      expect(pageWithCopy.headers().location).toMatch(/\/sign-in/);
    } finally {
      await withCopy.dispose();
    }
  });

  test('sign out on all devices ends the sessions of the other browsers too', async ({ browser }) => {
    const laptop = await browser.newContext({ locale: 'en-US' });
    const tablet = await browser.newContext({ locale: 'en-US' });
    try {
      const laptopPage = await laptop.newPage();
      await signIn(laptopPage, spareUsers.roaming.email, seedPassword);
      await expect(laptopPage).toHaveURL(/\/flows$/);
      const tabletPage = await tablet.newPage();
      await signIn(tabletPage, spareUsers.roaming.email, seedPassword);
      await expect(tabletPage).toHaveURL(/\/flows$/);
      await expect(tabletPage.getByRole('heading', { level: 1, name: 'Flows' })).toBeVisible();

      await laptopPage.getByRole('button', { name: /^Account menu for / }).click();
      await laptopPage.getByRole('button', { name: 'Sign out on all devices' }).click();
      await expect(laptopPage).toHaveURL(/\/sign-in/);

      await tabletPage.goto('/flows');
      await expect(tabletPage).toHaveURL(/\/sign-in/);
      await expect(tabletPage.getByRole('main').getByRole('alert')).toHaveText(
        'Your session has ended. Sign in again.',
      );
    } finally {
      await laptop.close();
      await tablet.close();
    }
  });
});

test('the session cookie is HttpOnly, SameSite=Lax, and expires after the configured 12 hours', async ({
  page,
  context,
}) => {
  await signIn(page, 'admin@e2e.test', seedPassword);
  await expect(page).toHaveURL(/\/overview$/);
  const session = (await context.cookies()).find((cookie) => cookie.name.endsWith('next-auth.session-token'));
  expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
  const hoursLeft = (session!.expires - Date.now() / 1000) / 3600;
  expect(hoursLeft).toBeGreaterThan(11.9);
  expect(hoursLeft).toBeLessThanOrEqual(12);
});
