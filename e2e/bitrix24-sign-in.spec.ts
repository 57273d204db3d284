import { expect, test } from '@playwright/test';
import { createPrismaClient } from '@/lib/db/client';
import { e2eMemberId, e2eOAuthApp } from './support/oauth-company';
import { readStack } from './support/stack';

test.use({ locale: 'en-US' });

async function usersOfEmployee(bitrixUserId: number) {
  const db = createPrismaClient(readStack().databaseUrl);
  try {
    return await db.user.findMany({
      where: { bitrixUserId },
      select: { email: true, role: true, portal: { select: { memberId: true } } },
    });
  } finally {
    await db.$disconnect();
  }
}

test('a portal employee without an account signs in with Bitrix24 and becomes a lead linked to themselves', async ({
  page,
}) => {
  expect(await usersOfEmployee(14)).toEqual([]);
  await page.goto('/sign-in');
  await page.getByRole('button', { name: 'Sign in with Bitrix24' }).click();

  // The portal's own authorization page (the demo portal plays Bitrix24 here).
  await expect(page).toHaveURL(new RegExp(`^${readStack().oauthPortalUrl}/oauth/authorize/`));
  await expect(page.getByRole('heading', { name: 'e2e.bitrix24.test' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Dmitry Dismissed' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Nina Newcomer' }).click();

  await expect(page).toHaveURL(/\/flows$/);
  await expect(page.getByRole('button', { name: 'Account menu for Nina Newcomer' })).toBeVisible();
  // Nina works in "Support" on the portal, so that is her flow.
  await expect(page.getByRole('table').getByRole('rowheader').locator('a[href^="/flows/"]')).toHaveText(['Support']);
  expect(await usersOfEmployee(14)).toEqual([
    { email: 'nina@e2e.bitrix24.test', role: 'lead', portal: { memberId: e2eMemberId } },
  ]);
});

test('an employee who already has an account is signed in to that account, not a new one', async ({ page }) => {
  await page.goto('/sign-in');
  await page.getByRole('button', { name: 'Sign in with Bitrix24' }).click();
  await page.getByRole('button', { name: 'Лев Лидов' }).click();
  await expect(page).toHaveURL(/\/flows$/);
  await expect(page.getByRole('button', { name: 'Account menu for Лев Лидов' })).toBeVisible();
  expect(await usersOfEmployee(11)).toEqual([
    { email: 'lead@e2e.test', role: 'lead', portal: { memberId: e2eMemberId } },
  ]);
});

test('a forged callback (wrong state, made-up code) does not sign anyone in', async ({ page }) => {
  await page.goto('/api/auth/callback/bitrix24?code=made-up&state=forged&domain=evil.test&member_id=x');
  await expect(page).toHaveURL(/\/sign-in\?.*error=OAuthCallback/);
  await expect(page.getByRole('main').getByRole('alert')).toHaveText(
    'Signing in with Bitrix24 did not work. Try again, or use your e-mail and password.',
  );
  await page.goto('/flows');
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);
});

test('a real code from the portal with a state the app did not issue does not sign anyone in', async ({
  page,
  baseURL,
}) => {
  const before = await usersOfEmployee(13);
  // Straight to the portal's own authorization page, as an attacker would start it: a genuine code comes back, with a state of the attacker's choosing.
  const app = e2eOAuthApp(baseURL!);
  const authorize = new URL(`${readStack().oauthPortalUrl}/oauth/authorize/`);
  authorize.search = new URLSearchParams({
    client_id: app.clientId,
    response_type: 'code',
    redirect_uri: app.redirectUri,
    state: 'chosen-by-the-attacker',
  }).toString();
  await page.goto(authorize.toString());
  await page.getByRole('button', { name: 'Oleg Owner' }).click();
  await expect(page).toHaveURL(/\/sign-in\?.*error=OAuthCallback/);
  await page.goto('/flows');
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);
  expect(await usersOfEmployee(13)).toEqual(before);
});
