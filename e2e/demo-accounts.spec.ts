import { expect, test } from '@playwright/test';
import { demoAppUrl, test as demoTest } from './support/demo-company';

test.use({ locale: 'en-US' });

test('outside demo mode the sign-in page shows no demo accounts', async ({ page }) => {
  await page.goto('/sign-in');
  await expect(page.getByRole('heading', { name: 'Sign in to Flowpilot' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Demo accounts' })).toHaveCount(0);
});

demoTest.describe('in demo mode (npm start on this machine only)', () => {
  demoTest(
    "the sign-in page offers one account per role with this installation's password, and one click signs in",
    async ({ browser, demoCompany }) => {
      const context = await browser.newContext({ baseURL: demoAppUrl, locale: 'en-US' });
      const page = await context.newPage();
      await page.goto('/sign-in');
      const demo = page.getByRole('region', { name: 'Demo accounts' });
      await expect(demo.getByRole('button')).toHaveText([
        /^Sign in as Admin/,
        /^Sign in as Team lead/,
        /^Sign in as Executive/,
      ]);
      // The password is made for this installation, not one every Flowpilot shares.
      await expect(demo).toContainText(`the password ${demoCompany.demoPassword}`);
      expect(demoCompany.demoPassword).not.toBe('flowpilot-demo');
      await demo.getByRole('button', { name: /^Sign in as Team lead/ }).click();
      await expect(page).toHaveURL(/\/flows$/);
      // The demo lead is linked to the owner of the busiest flow, and sees it.
      await expect(page.getByRole('table').getByRole('rowheader').first()).toBeVisible();
      await context.close();
    },
  );
});
