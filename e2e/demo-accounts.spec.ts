import { expect, test } from '@playwright/test';
import { syncDemoAccounts } from '@/lib/auth/demo-accounts';
import { createPrismaClient } from '@/lib/db/client';
import { readStack } from './support/stack';

test.use({ locale: 'en-US' });

/** Switches the e2e portal in and out of demo mode the way a start of Flowpilot would. */
async function demoMode(on: boolean) {
  const db = createPrismaClient(readStack().databaseUrl);
  try {
    await db.portal.updateMany({ data: { kind: on ? 'demo' : 'webhook' } });
    await syncDemoAccounts(db);
  } finally {
    await db.$disconnect();
  }
}

test('outside demo mode the sign-in page shows no demo accounts', async ({ page }) => {
  await page.goto('/sign-in');
  await expect(page.getByRole('heading', { name: 'Sign in to Flowpilot' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Demo accounts' })).toHaveCount(0);
});

test.describe('in demo mode', () => {
  test.afterEach(() => demoMode(false));

  test('the sign-in page offers one account per role, and one click signs in', async ({ page }) => {
    await demoMode(true);
    await page.goto('/sign-in');
    const demo = page.getByRole('region', { name: 'Demo accounts' });
    await expect(demo.getByRole('button')).toHaveText([/^Sign in as Admin/, /^Sign in as Team lead/, /^Sign in as Executive/]);
    await demo.getByRole('button', { name: /^Sign in as Team lead/ }).click();
    await expect(page).toHaveURL(/\/flows$/);
    // The demo lead is linked to the owner of the busiest flow, and sees it.
    await expect(page.getByRole('table').getByRole('rowheader').first()).toBeVisible();
  });
});
